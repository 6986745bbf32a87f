package io.knotwise.engine;

import io.knotwise.safety.Tier;
import java.util.List;

/** The highest tier a conversation has raised and every flag raised so far. Immutable. */
public record Triage(Tier tier, List<String> flags) {

    public Triage {
        flags = List.copyOf(flags);
    }
}
