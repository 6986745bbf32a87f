package io.knotwise.engine;

/** Where every raised red flag is recorded; implementations are thread-safe and must not throw. */
@FunctionalInterface
public interface EscalationAudit {

    void record(Escalation escalation);

    /** An audit that records nothing, for tests that do not look at it. */
    static EscalationAudit none() {
        return escalation -> {
        };
    }
}
