package io.knotwise.engine;

import io.knotwise.dialog.Node;

/** {@code choice}: asks and offers its buttons, then waits for one of the intents in {@code on}. */
final class ChoiceNode implements NodeBehaviour {

    private final Phrasebook phrases;
    private final String start;

    /** @param start the node a conversation starts at, whose greeting is not said twice */
    ChoiceNode(Phrasebook phrases, String start) {
        this.phrases = phrases;
        this.start = start;
    }

    @Override
    public String enter(Node node, Conversation conversation, Reply reply) {
        phrases.prompt(node, conversation, reply);
        return null;
    }

    @Override
    public void reprompt(Node node, Conversation conversation, Reply reply) {
        if (node.id().equals(start)) {
            // Not the whole introduction again: the question and the buttons.
            reply.say(Message.TEXT, phrases.text("back_to_question", conversation));
            reply.say(Message.TEXT, phrases.text("greeting_again", conversation));
            phrases.offer(node, conversation, reply);
        } else {
            phrases.reprompt(node, conversation, reply);
        }
    }
}
