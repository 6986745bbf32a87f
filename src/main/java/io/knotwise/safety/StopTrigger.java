package io.knotwise.safety;

import java.util.List;

/** Terms that stop a technique at once when said during it, and the category they raise. Immutable. */
public record StopTrigger(List<String> terms, String category) {

    public StopTrigger {
        terms = List.copyOf(terms);
    }
}
