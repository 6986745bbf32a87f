package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.dialog.NodeType;
import io.knotwise.nlu.Entity;
import io.knotwise.safety.Category;
import io.knotwise.safety.RedFlag;
import io.knotwise.safety.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What raised red flags do to a conversation, as SAFETY.md says: emergency and urgent stop guidance, see_doctor
 * pauses it, caution shapes it. Stateless and thread-safe.
 */
final class Safeguard {

    /** How a message's flags left the conversation. */
    enum Outcome { NONE, CAUTIONED, STOPPED }

    private final Guidebook book;
    private final Navigator navigator;

    Safeguard(Guidebook book, Navigator navigator) {
        this.book = book;
        this.navigator = navigator;
    }

    /** The flags a pressed checklist button raises. */
    List<RedFlag> checklistFlags(List<Entity> entities) {
        var flags = new ArrayList<RedFlag>();
        for (Entity entity : entities) {
            if (entity.entity().equals(Slots.CHECKLIST)) {
                book.safety().checklist().group(String.valueOf(entity.value())).ifPresent(group ->
                        group.categories().forEach(id -> book.safety().category(id)
                                .ifPresent(c -> flags.add(new RedFlag(c.id(), c.tier())))));
            }
        }
        return flags;
    }

    Outcome apply(Conversation conversation, List<RedFlag> flags, Reply reply) {
        if (flags.isEmpty()) {
            return Outcome.NONE;
        }
        Tier highest = flags.stream().map(RedFlag::tier).min(Comparator.naturalOrder()).orElseThrow();
        var newCautions = new ArrayList<Category>();
        for (RedFlag flag : flags) {
            boolean added = conversation.flags().add(flag.id());
            if (added && flag.tier() == Tier.CAUTION) {
                book.safety().category(flag.id()).ifPresent(newCautions::add);
            }
            if (flag.tier().isHigherThan(conversation.tier())) {
                conversation.tier(flag.tier());
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
            reply.say(Message.WARNING, book.responses().text("technique_stopped_for_safety",
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
        var text = new StringBuilder(book.safety().tierTexts().get(highest).replace("{number}", number));
        flags.stream().filter(f -> f.tier().stopsGuidance()).map(f -> book.safety().category(f.id()))
                .flatMap(java.util.Optional::stream)
                .map(Category::message)
                .filter(m -> m != null && !m.isBlank())
                .distinct()
                .forEach(m -> text.append(' ').append(m.replace("{number}", number)));
        reply.say(Message.ESCALATION, text.toString());
        boolean stopped = conversation.tier() == Tier.EMERGENCY || conversation.tier() == Tier.URGENT;
        navigator.enter(conversation, stopped ? book.graph().escalation() : book.graph().paused(), reply);
    }
}
