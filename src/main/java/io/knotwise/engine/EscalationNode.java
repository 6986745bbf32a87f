package io.knotwise.engine;

import io.knotwise.content.AnswerBook;
import io.knotwise.dialog.Node;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.SafetyRules;

/**
 * {@code escalation}: where a raised tier stops or pauses guidance. It offers no technique; what the user asks next
 * gets a plain, safe answer for the tier ("what do I do while I wait for the ambulance?", "I don't want to call
 * anyone"), never the out-of-scope line.
 */
final class EscalationNode implements NodeBehaviour {

    private final AnswerBook answers;
    private final SafetyRules safety;
    private final Phrasebook phrases;

    EscalationNode(AnswerBook answers, SafetyRules safety, Phrasebook phrases) {
        this.answers = answers;
        this.safety = safety;
        this.phrases = phrases;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        phrases.prompt(node, conversation, reply);
        return null;
    }

    @Override
    public boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                         Reply reply) {
        return !moment.correcting() && answer(node, conversation, understanding, false, reply);
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.offer(node.quickReplies());
    }

    /**
     * The answer for the tier raised to what the message asks about; with {@code orDefault}, the tier's general
     * answer when no topic fits. False when there is nothing to say.
     */
    boolean answer(Node node, Conversation conversation, Understanding understanding, boolean orDefault,
                   Reply reply) {
        if (conversation.tier() == null) {
            return false;
        }
        String words = TextNormalizer.phrase(understanding.text());
        var answer = answers.afterEscalation(conversation.tier().id(), words, orDefault);
        if (answer.isEmpty()) {
            return false;
        }
        reply.say(Message.TEXT, phrases.withContacts(answer.get().text(), conversation, conversation.flags()));
        reply.offer(node.quickReplies());
        return true;
    }
}
