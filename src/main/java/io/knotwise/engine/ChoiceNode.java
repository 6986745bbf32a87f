package io.knotwise.engine;

import io.knotwise.dialog.Node;

/** {@code choice}: asks and offers its buttons, then waits for one of the intents in {@code on}. */
final class ChoiceNode implements NodeBehaviour {

    private final Phrasebook phrases;

    ChoiceNode(Phrasebook phrases) {
        this.phrases = phrases;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        phrases.prompt(node, conversation, reply);
        return null;
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        reply.say(Message.TEXT, phrases.text("back_to_question", conversation));
        phrases.prompt(node, conversation, reply);
    }
}
