package io.knotwise.engine;

import io.knotwise.dialog.Node;

/** {@code clear}: after a confirmed misunderstanding, withdraws the flags that stopped guidance, then moves on. */
final class ClearNode implements NodeBehaviour {

    private final Phrasebook phrases;

    ClearNode(Phrasebook phrases) {
        this.phrases = phrases;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        conversation.withdrawStoppingFlags();
        conversation.slots().remove(Slots.STOPPED_BY);
        phrases.say(node, conversation, reply);
        return node.next();
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        phrases.say(node, conversation, reply);
    }
}
