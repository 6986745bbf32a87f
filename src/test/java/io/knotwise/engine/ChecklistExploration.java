package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.Guidebook;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checklist invariant, checked by exploring a dialog graph through the engine: from every node, every intent,
 * every technique, routine and checklist button and every quick reply offered on the way, breadth first to a bounded
 * depth, no path starts a technique before the red-flag checklist was answered on that path. Run on the fixture by
 * {@code ChecklistInvariantTest} (the engine keeps the invariant) and on {@code dialogs/} by
 * {@code ShippedDialogsTest} (so does the shipped graph). Each exploration has an engine and a store of its own.
 */
public final class ChecklistExploration {

    private static final int DEPTH = 6;
    /** Techniques and routines are values, not paths: a few of each take every path a choice can take. */
    private static final int SAMPLES = 3;
    private static final String ID = "explored";
    /** The slots that decide where a path can go next (the rest only change what is said on the way). */
    private static final Set<String> CHOICES = Set.of(Slots.TECHNIQUE, Slots.ROUTINE,
            Slots.CHOSEN, Slots.SCREENED);

    private final Guidebook book;
    private final String clarified;

    /** One point of the exploration: the conversation, the path to it, and whether that path answered the checklist. */
    private record State(ConversationSnapshot conversation, List<String> path, boolean checklistAnswered,
                         List<QuickReply> offered) {

        String key() {
            var c = conversation;
            var choices = new TreeMap<>(c.slots()).keySet().stream().filter(CHOICES::contains).toList();
            return c.node() + choices + c.plan().isEmpty() + c.tier() + (c.pending() == null) + checklistAnswered;
        }
    }

    private ChecklistExploration(Guidebook book, String clarified) {
        this.book = book;
        this.clarified = clarified;
    }

    /**
     * Explores the graph of {@code book}, failing with the path at the first technique started before the checklist
     * was answered.
     *
     * @param entities reads the entities of the buttons' payloads (the exploration sends nothing but payloads)
     * @param clarified the category that a conversation placed at the clarify node is being asked about
     * @return how many times a technique was started (each after the checklist)
     */
    public static int walksStarted(Guidebook book, EntityExtractor entities, String clarified) {
        return new ChecklistExploration(book, clarified).explore(entities);
    }

    private int explore(EntityExtractor entities) {
        var store = new MemoryConversationStore(Duration.ofMinutes(30), 10);
        var parser = new MessageParser(words -> List.of(new IntentScore("out_of_scope", 0.99)), entities, 0.5, 0.2);
        var engine = new Engine(book, Models.loaded(parser, new RedFlagDetector(book.safety())), store,
                Clock.systemUTC(), null, null, EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);
        List<String> inputs = inputs();
        var frontier = new ArrayDeque<State>();
        for (Node node : book.graph().nodes().values()) {
            frontier.add(new State(at(node).snapshot(), List.of("at " + node.id()), false, List.of()));
        }
        var seen = new HashSet<String>();
        int walksStarted = 0;
        while (!frontier.isEmpty()) {
            State state = frontier.poll();
            if (!seen.add(state.key()) || state.path().size() > DEPTH) {
                continue;
            }
            var tried = new LinkedHashSet<>(inputs);
            state.offered().forEach(q -> tried.add(q.payload().text()));
            for (String input : tried) {
                store.delete(ID);
                store.save(Conversation.restore(state.conversation()), 0);
                Turn turn = engine.handle(ID, Input.payload(input));
                var path = new ArrayList<>(state.path());
                path.add(input + " -> " + turn.state().node());
                boolean answered = state.checklistAnswered() || answersTheChecklist(state, input, turn);
                if (startsATechnique(state, turn)) {
                    walksStarted++;
                    assertThat(answered).as("a technique started without the checklist: %s", path).isTrue();
                }
                frontier.add(new State(engine.find(ID).snapshot(), List.copyOf(path), answered, turn.quickReplies()));
            }
        }
        return walksStarted;
    }

    /** A conversation placed at a node as if it had just been entered, nothing else known. */
    private Conversation at(Node node) {
        var conversation = new Conversation(ID, "en-GB", Instant.now());
        conversation.node(node.id());
        if (node.type() == NodeType.WALK) {
            conversation.plan(List.of(book.techniques().keySet().iterator().next()));
        }
        if (node.type() == NodeType.CLARIFY) {
            conversation.clarify(clarified, book.graph().start());
        }
        return conversation;
    }

    /** Every intent as a button, techniques, routines and every checklist group as the guide's buttons carry them. */
    private List<String> inputs() {
        var inputs = new ArrayList<String>();
        book.intentTitles().keySet().forEach(intent -> inputs.add("/" + intent));
        book.techniques().keySet().stream().sorted().limit(SAMPLES)
                .forEach(id -> inputs.add("/request_technique{\"technique\": \"" + id + "\"}"));
        book.routines().keySet().stream().sorted().limit(SAMPLES)
                .forEach(id -> inputs.add("/request_routine{\"routine\": \"" + id + "\"}"));
        book.safety().checklist().groups().forEach(g -> inputs.add("/affirm{\"checklist\": \"" + g.id() + "\"}"));
        return inputs;
    }

    /** The user answered the checklist: "none of these" or a group, pressed while the checklist was asked. */
    private boolean answersTheChecklist(State state, String input, Turn turn) {
        boolean asked = book.graph().node(state.conversation().node()).type() == NodeType.SCREEN;
        boolean answer = input.equals("/deny") || input.startsWith("/affirm{\"checklist\"");
        return asked && answer && book.graph().node(turn.state().node()).type() != NodeType.SCREEN;
    }

    /** The turn shows step 1 of a technique it was not showing before. */
    private boolean startsATechnique(State before, Turn turn) {
        boolean walkingBefore = book.graph().node(before.conversation().node()).type() == NodeType.WALK;
        return turn.state().step() != null && turn.state().step() == 1
                && (!walkingBefore || !turn.state().technique().equals(currentTechnique(before)));
    }

    private static String currentTechnique(State state) {
        var c = state.conversation();
        return c.plan().isEmpty() ? null : c.plan().get(c.planIndex());
    }
}
