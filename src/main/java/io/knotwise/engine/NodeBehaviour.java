package io.knotwise.engine;

import io.knotwise.dialog.Node;
import io.knotwise.nlu.Understanding;

/**
 * What one type of dialog node does: one class per {@link io.knotwise.dialog.NodeType}, registered once in
 * {@link Navigator}. A new node type is a new class here, its name in {@code NodeType}, and nodes of it in
 * {@code dialogs/flow/}. Implementations are stateless: everything they change is in the conversation.
 */
interface NodeBehaviour {

    /**
     * The conversation has just entered the node: say what it says. Returns the node to go straight on to, or null
     * to wait for the user here.
     */
    String enter(Node node, Conversation conversation, Reply reply);

    /**
     * A message at this node, after the red-flag screen; false leaves it to the rules every node shares (questions
     * answered anywhere, global transitions, fallbacks).
     */
    default boolean react(Node node, Conversation conversation, Understanding understanding, Moment moment,
                          Reply reply) {
        return false;
    }

    /** After a digression or a fallback: back to where the conversation was, saying so. */
    void reprompt(Node node, Conversation conversation, Reply reply);

    /** What else is known about the message than what it says: whether it raised a caution, or corrects a flag. */
    record Moment(boolean cautioned, boolean correcting) {
    }
}
