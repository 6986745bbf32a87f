package io.knotwise.engine;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.nlu.Understanding;
import java.util.Map;

/**
 * {@code ask}: asks for one slot, unless it (or a {@code skip_if} slot) is already known. An answer fills it; "skip"
 * or "no" skips it; an answer to another question is noted and the question stands; after two tries it is skipped.
 */
final class AskNode implements NodeBehaviour {

    private static final int MAX_ATTEMPTS = 2;

    private final DialogGraph graph;
    private final Phrasebook phrases;
    private final GoTo go;

    AskNode(DialogGraph graph, Phrasebook phrases, GoTo go) {
        this.graph = graph;
        this.phrases = phrases;
        this.go = go;
    }

    /** Whether the node's question is answered (or skipped) already. */
    static boolean answered(Node node, Conversation conversation) {
        return conversation.slots().containsKey(node.slot()) || conversation.skipped().contains(node.slot())
                || node.skipIf().stream().anyMatch(conversation.slots()::containsKey);
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        if (answered(node, conversation)) {
            return node.next();
        }
        phrases.prompt(node, conversation, reply);
        return null;
    }

    @Override
    public boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                         Reply reply) {
        Object value = Slots.valueFor(node.slot(), understanding.entities());
        if (value != null) {
            Slots.store(conversation, node.slot(), value, understanding.entities());
            if (node.slot().equals(Slots.TOOL)) {
                sayRuledOut(conversation, reply);
            }
        }
        if (value != null || answered(node, conversation)) {
            go.go(conversation, node.next(), reply);
            return true;
        }
        String intent = understanding.intent().name();
        boolean confident = understanding.confident();
        if (confident && (intent.equals(Intents.NEXT) || intent.equals(Intents.DENY))) {
            conversation.skipped().add(node.slot());
            reply.say(Message.TEXT, phrases.text("skipped_question", conversation));
            go.go(conversation, node.next(), reply);
            return true;
        }
        boolean elsewhere = confident && !intent.equals(Intents.DESCRIBE_SYMPTOM) && !intent.equals(Intents.AFFIRM)
                && (understanding.outOfScope() || intent.equals(Intents.REPEAT) || graph.digressions().contains(intent)
                || graph.transition(node, intent).isPresent());
        if (elsewhere) {
            return false;
        }
        var understood = phrases.understood(conversation, understanding.text(), understanding.entities(), 1);
        if (understood.isPresent()) {
            // It told something else (or put an earlier answer right): noted, and the question stands.
            reply.say(Message.TEXT, understood.get());
            phrases.prompt(node, conversation, reply);
            return true;
        }
        return askAgain(node, conversation, reply);
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        phrases.reprompt(node, conversation, reply);
    }

    /** Says which of the tools the user has a raised caution rules out ("we won't use a lacrosse ball"). */
    private void sayRuledOut(Conversation conversation, Reply reply) {
        var excluded = phrases.cautions(conversation).stream().flatMap(c -> c.excludedTools().stream()).toList();
        var named = Slots.tools(conversation).stream().filter(excluded::contains).toList();
        if (!named.isEmpty()) {
            reply.say(Message.TEXT, phrases.text("tool_ruled_out", conversation,
                    Map.of("tools", phrases.tools(named))));
        }
    }

    private boolean askAgain(Node node, Conversation conversation, Reply reply) {
        int attempts = conversation.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            conversation.skipped().add(node.slot());
            reply.say(Message.TEXT, phrases.text("skipped_question", conversation));
            go.go(conversation, node.next(), reply);
        } else {
            reply.say(Message.TEXT, phrases.text("ask_again", conversation));
            phrases.prompt(node, conversation, reply);
            conversation.attempts(attempts);
        }
        return true;
    }
}
