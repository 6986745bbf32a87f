package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.dialog.NodeType;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Category;
import io.knotwise.safety.RedFlag;
import io.knotwise.safety.Screening;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a message's red flags do to a conversation, as SAFETY.md says: emergency and urgent stop guidance, see_doctor
 * pauses it, caution shapes it, and a vague mention earns one clarifying question (a yes or an unclear answer takes
 * the flag). Every raised flag goes into the reply for the audit. Stateless and thread-safe.
 */
final class Safeguard {

    /** How a message's flags left the conversation: nothing raised, a caution raised, or the turn is answered. */
    enum Outcome { NONE, CAUTIONED, STOPPED }

    private final Guidebook book;
    private final Navigator navigator;
    private final boolean auditText;

    Safeguard(Guidebook book, Navigator navigator, boolean auditText) {
        this.book = book;
        this.navigator = navigator;
        this.auditText = auditText;
    }

    /** The flags a pressed checklist button raises. */
    List<RedFlag> checklistFlags(List<Entity> entities) {
        var flags = new ArrayList<RedFlag>();
        for (Entity entity : entities) {
            if (entity.entity().equals(Slots.CHECKLIST)) {
                book.safety().checklist().group(String.valueOf(entity.value())).ifPresent(group ->
                        group.categories().forEach(id -> category(id).ifPresent(c -> flags.add(flag(c)))));
            }
        }
        return flags;
    }

    /** Applies a screened message to the conversation, before anything else is done with the message. */
    Outcome apply(Conversation conversation, Screening screening, List<RedFlag> extra, Understanding understanding,
                  Reply reply, java.time.Instant now) {
        var flags = new ArrayList<>(screening.flags());
        flags.addAll(extra);
        String resume = null;
        if (book.graph().node(conversation.node()).type() == NodeType.CLARIFY && conversation.pending() != null) {
            String pending = conversation.pending();
            resume = conversation.resolved();
            boolean no = understanding.confident() && understanding.intent().name().equals("deny");
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
            return outcome;
        }
        if (resume != null) {
            reply.say(Message.TEXT, navigator.text("clarify_thanks", conversation, Map.of()));
            navigator.enter(conversation, resume, reply);
            return Outcome.STOPPED;
        }
        String unsure = screening.unsure().stream().filter(id -> !conversation.flags().contains(id))
                .findFirst().orElse(null);
        if (unsure != null && book.graph().node(conversation.node()).type() != NodeType.ESCALATION) {
            conversation.clarify(unsure, conversation.node());
            navigator.enter(conversation, book.graph().clarify(), reply);
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
            reply.say(Message.WARNING, navigator.text("technique_stopped_for_safety", conversation,
                    Map.of("name", navigator.currentTechnique(conversation).name())));
            navigator.enter(conversation, navigator.recommendNode(), reply);
            return Outcome.STOPPED;
        }
        return newCautions.isEmpty() ? Outcome.NONE : Outcome.CAUTIONED;
    }

    private boolean walkingSomethingNowUnsafe(Conversation conversation) {
        return book.graph().node(conversation.node()).type() == NodeType.WALK
                && !navigator.recommender().allowed(navigator.currentTechnique(conversation), conversation);
    }

    private void escalate(Conversation conversation, List<RedFlag> flags, Tier highest, Reply reply) {
        String number = navigator.number(conversation);
        var text = new StringBuilder(book.safety().tierTexts().get(highest).replace("{number}", number)
                .replace("{urgent_contact}", book.safety().urgentContact(conversation.locale())));
        flags.stream().filter(f -> f.tier().stopsGuidance()).map(f -> category(f.id()))
                .flatMap(Optional::stream)
                .map(Category::message)
                .filter(m -> m != null && !m.isBlank())
                .distinct()
                .forEach(m -> text.append(' ').append(m.replace("{number}", number)));
        reply.say(Message.ESCALATION, text.toString());
        boolean stopped = conversation.tier() == Tier.EMERGENCY || conversation.tier() == Tier.URGENT;
        navigator.enter(conversation, stopped ? book.graph().escalation() : book.graph().paused(), reply);
    }

    private Optional<Category> category(String id) {
        return book.safety().category(id);
    }

    private static RedFlag flag(Category category) {
        return new RedFlag(category.id(), category.tier());
    }
}
