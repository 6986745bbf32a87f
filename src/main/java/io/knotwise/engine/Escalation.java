package io.knotwise.engine;

import io.knotwise.safety.Tier;
import java.time.Instant;
import java.util.List;

/**
 * One raised red flag event, as the audit records it: which conversation, which flags, the tier, when; the message
 * text only when the deployment chose to record it (else null). Immutable.
 */
public record Escalation(String conversationId, List<String> flags, Tier tier, Instant at, String text) {

    public Escalation {
        flags = List.copyOf(flags);
    }
}
