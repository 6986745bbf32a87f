package io.knotwise.engine;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.NodeType;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Category;
import io.knotwise.safety.RedFlag;
import io.knotwise.safety.RedFlagDetector.AnswerReading;
import io.knotwise.safety.SafetyRules;
import io.knotwise.safety.Screening;
import io.knotwise.safety.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a message's red flags do to a conversation, as SAFETY.md says: emergency and urgent stop guidance, see_doctor
 * pauses it, caution shapes it, and a vague mention earns one clarifying question (a yes or an unclear answer takes
 * the flag). Every raised flag goes into the reply for the audit. Stateless and thread-safe.
 */
final class Safeguard {

    /** How a message's flags left the conversation: nothing raised, a caution raised, or the turn is answered. */
    enum Outcome { NONE, CAUTIONED, STOPPED }

    private final DialogGraph graph;
    private final SafetyRules safety;
    private final Phrasebook phrases;
    private final Recommender recommender;
    private final WalkNode walk;
    private final GoTo go;
    private final boolean auditText;
    private final Function<String, AnswerReading> answers;

    /** @param answers how an answer to the clarifying question reads beside the intent model's yes or no */
    Safeguard(DialogGraph graph, SafetyRules safety, Phrasebook phrases, Recommender recommender, WalkNode walk,
              GoTo go, boolean auditText, Function<String, AnswerReading> answers) {
        this.answers = answers;
        this.graph = graph;
        this.safety = safety;
        this.phrases = phrases;
        this.recommender = recommender;
        this.walk = walk;
        this.go = go;
        this.auditText = auditText;
    }

    /** The flags a pressed checklist button raises. */
    List<RedFlag> checklistFlags(List<Entity> entities) {
        var flags = new ArrayList<RedFlag>();
        for (Entity entity : entities) {
            if (entity.entity().equals(Slots.CHECKLIST)) {
                safety.checklist().group(String.valueOf(entity.value())).ifPresent(group ->
                        group.categories().forEach(id -> category(id).ifPresent(c -> flags.add(flag(c)))));
            }
        }
        return flags;
    }

    /** Applies a screened message to the conversation, before anything else is done with the message. */
    Outcome apply(Conversation conversation, Screening screening, List<RedFlag> extra, Understanding understanding,
                  Reply reply, Instant now) {
        var flags = new ArrayList<>(screening.flags());
        flags.addAll(extra);
        String resume = null;
        if (graph.node(conversation.node()).type() == NodeType.CLARIFY && conversation.pending() != null) {
            String pending = conversation.pending();
            resume = conversation.resolved();
            // A no, or a no told with what passes, unless the answer says it lasts ("no, it's still numb").
            AnswerReading answer = answers.apply(understanding.text());
            boolean no = answer != AnswerReading.IT_LASTS && (answer == AnswerReading.NO_IT_PASSES
                    || understanding.confident() && understanding.intent().name().equals(Intents.DENY));
            if (!no && flags.stream().noneMatch(f -> f.id().equals(pending))) {
                // A yes, or an answer that is not a clear no: the worst case the question asked about.
                category(pending).ifPresent(c -> flags.add(new RedFlag(c.id(), c.highestTier())));
            }
        }
        flags.sort(Comparator.comparing(RedFlag::tier));
        if (!flags.isEmpty()) {
            reply.escalate(new Escalation(conversation.id(), flags.stream().map(RedFlag::id).toList(),
                    flags.get(0).tier(), now, auditText ? understanding.text() : null));
        }
        Outcome outcome = raise(conversation, flags, reply);
        if (outcome == Outcome.STOPPED) {
            if (!screening.flags().isEmpty() && !understanding.text().isBlank()) {
                conversation.slots().put(Slots.STOPPED_BY, understanding.text().strip());
            } else {
                conversation.slots().remove(Slots.STOPPED_BY);
            }
            return outcome;
        }
        if (resume != null) {
            reply.say(Message.TEXT, phrases.text("clarify_thanks", conversation));
            go.go(conversation, resume, reply);
            return Outcome.STOPPED;
        }
        String unsure = screening.unsure().stream().filter(id -> !conversation.flags().contains(id))
                .findFirst().orElse(null);
        if (unsure != null && graph.node(conversation.node()).type() != NodeType.ESCALATION) {
            conversation.clarify(unsure, conversation.node());
            go.go(conversation, graph.clarify(), reply);
            return Outcome.STOPPED;
        }
        return outcome;
    }

    private Outcome raise(Conversation conversation, List<RedFlag> flags, Reply reply) {
        if (flags.isEmpty()) {
            return Outcome.NONE;
        }
        Tier highest = flags.get(0).tier();
        var newCautions = new ArrayList<Category>();
        for (RedFlag flag : flags) {
            boolean added = conversation.raise(flag.id(), flag.tier());
            if (added && flag.tier() == Tier.CAUTION) {
                category(flag.id()).ifPresent(newCautions::add);
            }
        }
        if (highest.stopsGuidance()) {
            escalate(conversation, flags, highest, reply);
            return Outcome.STOPPED;
        }
        newCautions.forEach(c -> reply.say(Message.WARNING, c.caution()));
        if (conversation.tier().stopsGuidance()) {
            return Outcome.NONE;
        }
        if (walkingSomethingNowUnsafe(conversation)) {
            reply.say(Message.WARNING, phrases.text("technique_stopped_for_safety", conversation,
                    Map.of("name", walk.current(conversation).name())));
            go.go(conversation, graph.first(NodeType.RECOMMEND).id(), reply);
            return Outcome.STOPPED;
        }
        return newCautions.isEmpty() ? Outcome.NONE : Outcome.CAUTIONED;
    }

    private boolean walkingSomethingNowUnsafe(Conversation conversation) {
        return graph.node(conversation.node()).type() == NodeType.WALK
                && !recommender.allowed(walk.current(conversation), conversation);
    }

    private void escalate(Conversation conversation, List<RedFlag> flags, Tier highest, Reply reply) {
        List<String> ids = flags.stream().map(RedFlag::id).toList();
        var text = new StringBuilder(phrases.withContacts(safety.tiers().get(highest).text(), conversation, ids));
        boolean walking = graph.node(conversation.node()).type() == NodeType.WALK;
        flags.stream().filter(f -> f.tier().stopsGuidance()).map(f -> category(f.id()))
                .flatMap(Optional::stream)
                .map(c -> walking && c.stopped() != null ? c.stopped() : c.message())
                .filter(m -> m != null && !m.isBlank())
                .distinct()
                .forEach(m -> text.append(' ').append(phrases.withContacts(m, conversation, ids)));
        reply.say(Message.ESCALATION, text.toString());
        boolean stopped = conversation.tier() == Tier.EMERGENCY || conversation.tier() == Tier.URGENT;
        go.go(conversation, stopped ? graph.escalation() : graph.paused(), reply);
    }

    private Optional<Category> category(String id) {
        return safety.category(id);
    }

    private static RedFlag flag(Category category) {
        return new RedFlag(category.id(), category.tier());
    }
}
