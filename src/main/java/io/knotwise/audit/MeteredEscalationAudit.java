package io.knotwise.audit;

import io.knotwise.engine.Escalation;
import io.knotwise.engine.EscalationAudit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each raised red flag as one line of the {@code knotwise.audit} log (conversation id, flags, tier, time;
 * the text only if configured) and counts it in {@code knotwise_red_flags_total} by tier and flag. Thread-safe.
 */
public final class MeteredEscalationAudit implements EscalationAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("knotwise.audit");

    private final MeterRegistry registry;

    public MeteredEscalationAudit(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(Escalation escalation) {
        for (String flag : escalation.flags()) {
            Counter.builder("knotwise.red_flags")
                    .description("Red flags raised in conversations, by tier and flag")
                    .tag("tier", escalation.tier().id())
                    .tag("flag", flag)
                    .register(registry)
                    .increment();
        }
        if (escalation.text() == null) {
            AUDIT.info("red flag: conversation={} tier={} flags={} at={}", escalation.conversationId(),
                    escalation.tier().id(), escalation.flags(), escalation.at());
        } else {
            AUDIT.info("red flag: conversation={} tier={} flags={} at={} text={}", escalation.conversationId(),
                    escalation.tier().id(), escalation.flags(), escalation.at(), escalation.text());
        }
    }
}
