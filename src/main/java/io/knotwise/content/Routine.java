package io.knotwise.content;

import java.util.List;

/** A named sequence of techniques from a guide. Immutable. */
public record Routine(String id, String name, String summary, List<String> techniques, int minutes, String source) {

    public Routine {
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
