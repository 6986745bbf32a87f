package io.knotwise.dialog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversation as a graph: nodes by id, where it starts, the transitions available from every node and the
 * intents answered anywhere as digressions. Immutable.
 *
 * @param globalOn transitions by intent available from any node that does not override them (not from escalation)
 * @param digressions intents answered at any node, after which the guide returns to where it was
 * @param escalation the node a stopping tier (emergency, urgent) leads to
 * @param paused the node a pausing tier (see_doctor) leads to
 * @param clarify the node that asks about a vague mention of a red flag
 * @param correction the node a user who says they were misunderstood is taken to, from escalation or paused
 */
public record DialogGraph(String start, Map<String, Node> nodes, Map<String, String> globalOn, List<String> digressions,
                          String escalation, String paused, String clarify, String correction, String file) {

    public DialogGraph {
        nodes = Map.copyOf(nodes);
        globalOn = Map.copyOf(globalOn);
        digressions = List.copyOf(digressions);
    }

    public Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalStateException("no dialog node '" + id + "'");
        }
        return node;
    }

    /** The first node of a type (the validator makes sure there is exactly one recommend and one walk node). */
    public Node first(NodeType type) {
        return nodes.values().stream().filter(n -> n.type() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("the dialog graph has no " + type + " node"));
    }

    /** Where an intent leads from a node: the node's own transition, else the global one (not from escalation). */
    public Optional<String> transition(Node from, String intent) {
        String target = from.on().get(intent);
        if (target == null && from.type() != NodeType.ESCALATION) {
            target = globalOn.get(intent);
        }
        return Optional.ofNullable(target);
    }
}
