package io.knotwise.content;

import java.util.List;

/** Preparation shared by several techniques (the partner-massage set-up). Immutable. */
public record Setup(String id, String name, String source, List<Step> steps) {

    public Setup {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
