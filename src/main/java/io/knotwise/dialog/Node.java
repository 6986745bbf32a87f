package io.knotwise.dialog;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;

/**
 * One node of the dialog graph, as written in a file of {@code dialogs/flow/}. Immutable.
 *
 * @param say the key in {@code responses.yml} of what the node says on entry
 * @param slot the slot an {@code ask} node fills (an entity name)
 * @param skipIf further slots whose presence also skips an {@code ask} node
 * @param next where the conversation goes when the node is done
 * @param on transitions by intent, taken before the global ones
 * @param file the file the node was read from, for error messages
 */
public record Node(String id, NodeType type, String say, String slot, List<String> skipIf,
                   List<QuickReply> quickReplies, String next, Map<String, String> on, String file) {

    public Node {
        skipIf = Copies.list(skipIf);
        quickReplies = Copies.list(quickReplies);
        on = Copies.map(on);
    }
}
