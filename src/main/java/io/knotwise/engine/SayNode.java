package io.knotwise.engine;

import io.knotwise.dialog.Node;

/** {@code say}: says something and moves straight on to {@code next}. */
final class SayNode implements NodeBehaviour {

    private final Phrasebook phrases;

    SayNode(Phrasebook phrases) {
        this.phrases = phrases;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        phrases.say(node, conversation, reply);
        return node.next();
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        phrases.say(node, conversation, reply);
    }
}
