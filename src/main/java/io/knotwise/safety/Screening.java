package io.knotwise.safety;

import java.util.List;

/**
 * What the red-flag screen found in one message: flags, highest tier first, and categories it is unsure about
 * (a vague mention that deserves one clarifying question). Immutable.
 */
public record Screening(List<RedFlag> flags, List<String> unsure) {

    public Screening {
        flags = List.copyOf(flags);
        unsure = List.copyOf(unsure);
    }
}
