package io.knotwise.monitoring;

import io.knotwise.engine.EngineEvents;
import io.knotwise.engine.Escalation;
import io.knotwise.engine.Turn;
import io.knotwise.nlu.Understanding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's events as an audit log and metrics. Each raised red flag is one line of the {@code knotwise.audit}
 * log (conversation id, flags, tier, time; the text only if configured) and is counted in
 * {@code knotwise_red_flags_total} (by tier and flag) and {@code knotwise_escalations_total} (by tier). Each answered
 * message is counted in {@code knotwise_turns_total} by decided intent, and in {@code knotwise_fallbacks_total}
 * (no intent confident enough) or {@code knotwise_out_of_scope_total} (confidently out of scope). Thread-safe.
 */
public final class MeteredEvents implements EngineEvents {

    private static final Logger AUDIT = LoggerFactory.getLogger("knotwise.audit");

    private final MeterRegistry registry;
    private final Counter fallbacks;
    private final Counter outOfScope;

    public MeteredEvents(MeterRegistry registry) {
        this.registry = registry;
        this.fallbacks = Counter.builder("knotwise.fallbacks")
                .description("Messages no intent was confident enough for; the guide asked to rephrase")
                .register(registry);
        this.outOfScope = Counter.builder("knotwise.out_of_scope")
                .description("Messages confidently read as outside upper-back self-massage")
                .register(registry);
    }

    @Override
    public void escalated(Escalation escalation) {
        for (String flag : escalation.flags()) {
            Counter.builder("knotwise.red_flags")
                    .description("Red flags raised in conversations, by tier and flag")
                    .tag("tier", escalation.tier().id())
                    .tag("flag", flag)
                    .register(registry)
                    .increment();
        }
        Counter.builder("knotwise.escalations")
                .description("Messages that raised red flags, by the highest tier raised")
                .tag("tier", escalation.tier().id())
                .register(registry)
                .increment();
        var line = AUDIT.atInfo()
                .addKeyValue("conversation", LogIds.of(escalation.conversationId()))
                .addKeyValue("tier", escalation.tier().id())
                .addKeyValue("flags", String.join(",", escalation.flags()))
                .addKeyValue("at", escalation.at());
        if (escalation.text() != null) {
            line = line.addKeyValue("text", escalation.text());
        }
        line.log("red flag raised");
    }

    @Override
    public void answered(Turn turn) {
        Understanding nlu = turn.nlu();
        Counter.builder("knotwise.turns")
                .description("Messages answered, by the intent acted on")
                .tag("intent", nlu.decided().name())
                .register(registry)
                .increment();
        if (!nlu.confident()) {
            fallbacks.increment();
        } else if (nlu.outOfScope()) {
            outOfScope.increment();
        }
    }
}
