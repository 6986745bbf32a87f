package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.dialog.Node;
import io.knotwise.nlu.Understanding;
import java.util.Map;

/**
 * Answers at the nodes that ask something: a symptom question fills its slot or is skipped (after two tries at most),
 * and the red-flag checklist is answered with "none", a group, or a flag in the user's own words. Stateless.
 */
final class Questions {

    private static final int MAX_ATTEMPTS = 2;

    private final Guidebook book;
    private final Navigator navigator;

    Questions(Guidebook book, Navigator navigator) {
        this.book = book;
        this.navigator = navigator;
    }

    boolean answerQuestion(Node node, Conversation conversation, Understanding understanding, Reply reply) {
        Object value = Slots.valueFor(node.slot(), understanding.entities());
        if (value != null) {
            Slots.store(conversation, node.slot(), value, understanding.entities());
            if (node.slot().equals(Slots.TOOL)) {
                sayRuledOut(conversation, reply);
            }
        }
        if (value != null || navigator.answered(node, conversation)) {
            navigator.enter(conversation, node.next(), reply);
            return true;
        }
        String intent = understanding.intent().name();
        boolean confident = understanding.confident();
        if (confident && (intent.equals("next") || intent.equals("deny"))) {
            conversation.skipped().add(node.slot());
            reply.say(Message.TEXT, navigator.text("skipped_question", conversation, Map.of()));
            navigator.enter(conversation, node.next(), reply);
            return true;
        }
        boolean elsewhere = confident && !intent.equals("describe_symptom") && !intent.equals("affirm")
                && (understanding.outOfScope() || intent.equals("repeat") || book.graph().digressions().contains(intent)
                || book.graph().transition(node, intent).isPresent());
        if (elsewhere) {
            return false;
        }
        if (navigator.sayUnderstood(conversation, understanding.entities(), 1, reply)) {
            // It told something else (or put an earlier answer right): noted, and the question stands.
            navigator.prompt(node, conversation, reply);
            return true;
        }
        return askAgain(node, conversation, reply);
    }

    /** Says which of the tools the user has a raised caution rules out ("we'll leave the tennis ball out"). */
    private void sayRuledOut(Conversation conversation, Reply reply) {
        var excluded = navigator.cautions(conversation).stream().flatMap(c -> c.excludedTools().stream()).toList();
        var named = Slots.tools(conversation).stream().filter(excluded::contains)
                .map(t -> book.vocabulary().tools().getOrDefault(t, t)).toList();
        if (!named.isEmpty()) {
            reply.say(Message.TEXT, navigator.text("tool_ruled_out", conversation,
                    Map.of("tools", String.join(" and ", named))));
        }
    }

    private boolean askAgain(Node node, Conversation conversation, Reply reply) {
        int attempts = conversation.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            conversation.skipped().add(node.slot());
            reply.say(Message.TEXT, navigator.text("skipped_question", conversation, Map.of()));
            navigator.enter(conversation, node.next(), reply);
        } else {
            reply.say(Message.TEXT, navigator.text("ask_again", conversation, Map.of()));
            navigator.prompt(node, conversation, reply);
            conversation.attempts(attempts);
        }
        return true;
    }

    boolean answerScreen(Node node, Conversation conversation, Understanding understanding,
                                 boolean cautioned, Reply reply) {
        String intent = understanding.intent().name();
        boolean checklist = understanding.entities().stream().anyMatch(e -> e.entity().equals(Slots.CHECKLIST)
                && book.safety().checklist().group(String.valueOf(e.value())).isPresent());
        if (cautioned || checklist || (understanding.confident() && intent.equals("deny"))) {
            conversation.slots().put(Slots.SCREENED, true);
            boolean noted = cautioned || checklist || !navigator.cautions(conversation).isEmpty();
            reply.say(Message.TEXT, navigator.text(noted ? "screen_noted" : "screen_clear", conversation, Map.of()));
            navigator.enter(conversation, node.next(), reply);
            return true;
        }
        if (understanding.confident() && intent.equals("affirm")) {
            reply.say(Message.TEXT, navigator.text("screen_which", conversation, Map.of()));
            navigator.prompt(node, conversation, reply);
            return true;
        }
        if (understanding.confident() && intent.equals("next")) {
            // The one question that cannot be skipped: say why, once, with its buttons.
            reply.say(Message.TEXT, navigator.text("screen_required", conversation, Map.of()));
            navigator.prompt(node, conversation, reply);
            return true;
        }
        return false;
    }
}
