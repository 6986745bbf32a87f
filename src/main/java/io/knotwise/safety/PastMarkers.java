package io.knotwise.safety;

import java.util.List;

/**
 * Words that put an event in the past ("ten years ago", "fine since"), negating a following-window term of the
 * given categories only: a past accident is not a flag, a past cancer still is. Immutable.
 */
public record PastMarkers(List<String> categories, List<String> terms) {

    public PastMarkers {
        categories = categories == null ? List.of() : List.copyOf(categories);
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    public static PastMarkers none() {
        return new PastMarkers(List.of(), List.of());
    }
}
