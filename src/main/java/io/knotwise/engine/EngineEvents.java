package io.knotwise.engine;

/**
 * What the engine reports once a turn is saved: each raised red flag (for the audit) and each answered turn (for
 * metrics). Implementations are thread-safe and must not throw.
 */
@FunctionalInterface
public interface EngineEvents {

    /** Red flags were raised in a conversation. */
    void escalated(Escalation escalation);

    /** A message was answered. */
    default void answered(Turn turn) {
    }

    /** Events that go nowhere, for tests that do not look at them. */
    static EngineEvents none() {
        return escalation -> {
        };
    }
}
