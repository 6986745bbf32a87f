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
 * @param commands phrases that work at every node whatever the intent model reads in them ("start over", "where
 *     was I?"), by the engine's name for what they do
 * @param escalation the node a stopping tier (emergency, urgent) leads to
 * @param paused the node a pausing tier (see_doctor) leads to
 * @param clarify the node that asks about a vague mention of a red flag
 * @param correction the node a user who says they were misunderstood is taken to, from escalation or paused
 */
public record DialogGraph(String start, Map<String, Node> nodes, Map<String, String> globalOn, List<String> digressions,
                          Map<String, List<String>> commands, String escalation, String paused, String clarify,
                          String correction, String file) {

    public DialogGraph {
        nodes = Map.copyOf(nodes);
        globalOn = Map.copyOf(globalOn);
        digressions = List.copyOf(digressions);
        commands = Map.copyOf(commands);
    }

    /** The command a short message is, if it is one of the phrases of {@code commands} (words already normalised). */
    public Optional<String> command(List<String> words) {
        if (words.isEmpty() || words.size() > MAX_COMMAND_WORDS) {
            return Optional.empty();
        }
        String padded = " " + String.join(" ", words) + " ";
        return commands.entrySet().stream()
                .filter(c -> c.getValue().stream().anyMatch(phrase -> padded.contains(" " + phrase + " ")))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    /** The commands the engine carries out: a phrase list in {@code flow/global.yml} may name only these. */
    public static final List<String> COMMANDS = List.of("start_over", "go_back", "where_was_i", "pause", "resume",
            "goodbye", "this_step");

    /** Longer messages say more than a command: they go to the intent model. */
    private static final int MAX_COMMAND_WORDS = 7;

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
