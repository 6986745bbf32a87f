package io.knotwise.content;

import io.knotwise.Copies;
import java.util.List;

/** A named sequence of techniques from a guide. Immutable. */
public record Routine(String id, String name, String summary, List<String> techniques, int minutes, String source) {

    public Routine {
        techniques = Copies.list(techniques);
    }
}
