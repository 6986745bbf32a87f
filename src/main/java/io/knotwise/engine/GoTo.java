package io.knotwise.engine;

/** Moves a conversation to a node of the graph (entering it, and the nodes it passes straight on to). */
@FunctionalInterface
interface GoTo {

    void go(Conversation conversation, String nodeId, Reply reply);
}
