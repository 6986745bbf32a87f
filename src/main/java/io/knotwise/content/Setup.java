package io.knotwise.content;

import io.knotwise.Copies;
import java.util.List;

/** Preparation shared by several techniques (the partner-massage set-up). Immutable. */
public record Setup(String id, String name, String source, List<Step> steps) {

    public Setup {
        steps = Copies.list(steps);
    }
}
