package io.knotwise.content;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dialog graph: every target exists, every node is reachable and has a way on, every intent (of the graph, the
 * buttons' titles and the answers) is one the model knows, every response a node says exists. Each problem reads
 * {@code file: node: message}. One instance per check: it holds only that check's findings.
 */
final class GraphChecks {

    private final Set<String> knownIntents;
    private final Set<String> slots;
    private final List<String> problems = new ArrayList<>();

    private GraphChecks(Set<String> knownIntents, Set<String> slots) {
        this.knownIntents = knownIntents;
        this.slots = slots;
    }

    /** Every problem found. */
    static List<String> problems(Guidebook book, Set<String> knownIntents, Set<String> slots) {
        var check = new GraphChecks(knownIntents, slots);
        check.graph(book);
        book.intentTitles().keySet().forEach(i -> check.intent("intents.yml", "titles", i));
        book.answers().intents().forEach(i -> check.intent("answers.yml", "answers", i));
        return List.copyOf(check.problems);
    }

    private void graph(Guidebook book) {
        DialogGraph graph = book.graph();
        String global = graph.file();
        graph.commands().keySet().stream().filter(c -> !DialogGraph.COMMANDS.contains(c)).forEach(c -> problems.add(
                global + ": commands: " + c + ": not a command the engine carries out " + DialogGraph.COMMANDS));
        for (String special : new String[] {graph.start(), graph.escalation(), graph.paused(), graph.clarify(),
            graph.correction()}) {
            if (special == null || !graph.nodes().containsKey(special)) {
                problems.add(global + ": " + special + ": no such node");
            }
        }
        for (String id : List.of(String.valueOf(graph.escalation()), String.valueOf(graph.paused()))) {
            Node node = graph.nodes().get(id);
            if (node != null && node.type() != NodeType.ESCALATION) {
                problems.add(node.file() + ": " + id + ": must be of type escalation");
            }
        }
        Node clarify = graph.nodes().get(String.valueOf(graph.clarify()));
        if (clarify != null && clarify.type() != NodeType.CLARIFY) {
            problems.add(clarify.file() + ": " + clarify.id() + ": must be of type clarify");
        }
        exactlyOne(graph, NodeType.RECOMMEND);
        exactlyOne(graph, NodeType.WALK);
        graph.globalOn().forEach((intent, target) -> {
            intent(global, "on", intent);
            target(graph, global, "on." + intent, target);
        });
        graph.digressions().forEach(intent -> {
            intent(global, "digressions", intent);
            if (book.answers().answer(intent, "").isEmpty() && !book.responses().has("reply_" + intent)) {
                problems.add(global + ": digressions: " + intent + ": no answer in answers.yml and no reply_"
                        + intent + " in responses.yml");
            }
        });
        graph.nodes().values().forEach(node -> node(book, graph, node));
        reachable(graph);
    }

    private void exactlyOne(DialogGraph graph, NodeType type) {
        long count = graph.nodes().values().stream().filter(n -> n.type() == type).count();
        if (count != 1) {
            problems.add(graph.file() + ": the graph needs exactly one node of type "
                    + type.name().toLowerCase(Locale.ROOT) + ", has " + count);
        }
    }

    private void node(Guidebook book, DialogGraph graph, Node node) {
        String where = node.file() + ": " + node.id() + ": ";
        if (node.say() != null && !book.responses().has(node.say())) {
            problems.add(where + "says '" + node.say() + "', which is not in responses.yml");
        }
        boolean needsNext = node.type() != NodeType.CHOICE && node.type() != NodeType.ESCALATION
                && node.type() != NodeType.CLARIFY;
        if (needsNext && node.next() == null) {
            problems.add(where + "dead end: a " + node.type().name().toLowerCase(Locale.ROOT)
                    + " node needs next");
        }
        if (node.type() == NodeType.CHOICE && node.on().isEmpty()) {
            problems.add(where + "dead end: a choice node needs transitions under on");
        }
        if (node.type() == NodeType.ASK && !slots.contains(String.valueOf(node.slot()))) {
            problems.add(where + "asks for unknown slot '" + node.slot() + "' (known: "
                    + new TreeSet<>(slots) + ")");
        }
        if (node.next() != null) {
            target(graph, node.file(), node.id() + ": next", node.next());
        }
        node.on().forEach((intent, target) -> {
            intent(node.file(), node.id(), intent);
            target(graph, node.file(), node.id() + ": on." + intent, target);
        });
        for (QuickReply reply : node.quickReplies()) {
            intent(node.file(), node.id(), reply.payload().intent());
        }
    }

    private void target(DialogGraph graph, String file, String where, String target) {
        if (!graph.nodes().containsKey(target)) {
            problems.add(file + ": " + where + ": target '" + target + "' does not exist");
        }
    }

    private void intent(String file, String where, String intent) {
        if (!knownIntents.contains(intent)) {
            problems.add(file + ": " + where + ": intent '" + intent + "' is not one the model knows");
        }
    }

    private void reachable(DialogGraph graph) {
        var seen = new HashSet<String>();
        var queue = new ArrayDeque<String>();
        for (String root : new String[] {graph.start(), graph.escalation(), graph.paused(), graph.clarify(),
            graph.correction()}) {
            if (root != null && graph.nodes().containsKey(root)) {
                queue.add(root);
            }
        }
        graph.globalOn().values().stream().filter(graph.nodes()::containsKey).forEach(queue::add);
        graph.nodes().values().stream().filter(n -> n.type() == NodeType.WALK).map(Node::id).forEach(queue::add);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!seen.add(id)) {
                continue;
            }
            Node node = graph.nodes().get(id);
            if (node.next() != null && graph.nodes().containsKey(node.next())) {
                queue.add(node.next());
            }
            node.on().values().stream().filter(graph.nodes()::containsKey).forEach(queue::add);
        }
        graph.nodes().values().stream().filter(n -> !seen.contains(n.id()))
                .forEach(n -> problems.add(n.file() + ": " + n.id() + ": unreachable from " + graph.start()));
    }
}
