package io.knotwise.engine;

import io.knotwise.dialog.Node;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.safety.SafetyRules;
import java.util.List;
import java.util.Map;

/**
 * {@code clarify}: asks the one clarifying question about a vague mention of a red flag, which already carries the
 * advice for the worst case; the red-flag safeguard takes the answer.
 */
final class ClarifyNode implements NodeBehaviour {

    private final SafetyRules safety;
    private final Phrasebook phrases;
    private final Map<String, String> intentTitles;

    ClarifyNode(SafetyRules safety, Phrasebook phrases, Map<String, String> intentTitles) {
        this.safety = safety;
        this.phrases = phrases;
        this.intentTitles = intentTitles;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        safety.category(conversation.pending()).ifPresent(c -> reply.say(Message.TEXT,
                phrases.withContacts(c.clarify(), conversation, conversation.flags())));
        reply.offer(List.of(new QuickReply(intentTitles.get(Intents.AFFIRM), Payload.of(Intents.AFFIRM)),
                new QuickReply(intentTitles.get(Intents.DENY), Payload.of(Intents.DENY))));
        return null;
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        enter(node, conversation, reply);
    }
}
