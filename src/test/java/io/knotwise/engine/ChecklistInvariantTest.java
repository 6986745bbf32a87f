package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.ContentLoader;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;

/**
 * The checklist invariant, proved by exploring the dialog graph: from every node, every intent, every technique,
 * routine and checklist button and every quick reply offered on the way, breadth first to a bounded depth, no path
 * starts a technique before the red-flag checklist was answered on that path.
 */
class ChecklistInvariantTest {

    private static final Guidebook BOOK = ContentLoader.load(Path.of("dialogs"));
    private static final NluDataLoader NLU = new NluDataLoader(Path.of("models"));
    private static final int DEPTH = 6;
    /** Techniques and routines are values, not paths: a few of each take every path a choice can take. */
    private static final int SAMPLES = 3;
    private static final String ID = "explored";
    /** The slots that decide where a path can go next (the rest only change what is said on the way). */
    private static final Set<String> CHOICES = Set.of(Slots.TECHNIQUE, Slots.ROUTINE,
            Slots.CHOSEN, Slots.SCREENED);

    /** One point of the exploration: the conversation, the path to it, and whether that path answered the checklist. */
    private record State(ConversationSnapshot conversation, List<String> path, boolean checklistAnswered,
                         List<QuickReply> offered) {

        String key() {
            var c = conversation;
            var choices = new TreeMap<>(c.slots()).keySet().stream().filter(CHOICES::contains).toList();
            return c.node() + choices + c.plan().isEmpty() + c.tier() + (c.pending() == null) + checklistAnswered;
        }
    }

    @Test
    void noPathFromAnyNodeStartsATechniqueBeforeTheChecklistIsAnswered() {
        var store = new MemoryConversationStore(Duration.ofMinutes(30), 10);
        var parser = new MessageParser(words -> List.of(new IntentScore("out_of_scope", 0.99)),
                new EntityExtractor(NLU.lexicon(), NLU.patterns()), 0.5, 0.2);
        var engine = new Engine(BOOK, parser, new RedFlagDetector(BOOK.safety()), store, Clock.systemUTC(), null,
                null, EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);
        List<String> inputs = inputs();
        var frontier = new ArrayDeque<State>();
        for (Node node : BOOK.graph().nodes().values()) {
            frontier.add(new State(at(node).snapshot(), List.of("at " + node.id()), false, List.of()));
        }
        var seen = new HashSet<String>();
        int turns = 0;
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
                turns++;
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
        assertThat(walksStarted).as("the exploration reaches techniques at all (%d turns)", turns).isGreaterThan(50);
    }

    /** A conversation placed at a node as if it had just been entered, nothing else known. */
    private static Conversation at(Node node) {
        var conversation = new Conversation(ID, "en-GB", Instant.now());
        conversation.node(node.id());
        if (node.type() == NodeType.WALK) {
            conversation.plan(List.of(BOOK.techniques().keySet().iterator().next()));
        }
        if (node.type() == NodeType.CLARIFY) {
            conversation.clarify("progressive_neuro_deficit", BOOK.graph().start());
        }
        return conversation;
    }

    /** Every intent as a button, techniques, routines and every checklist group as the guide's buttons carry them. */
    private static List<String> inputs() {
        var inputs = new ArrayList<String>();
        BOOK.intentTitles().keySet().forEach(intent -> inputs.add("/" + intent));
        BOOK.techniques().keySet().stream().sorted().limit(SAMPLES)
                .forEach(id -> inputs.add("/request_technique{\"technique\": \"" + id + "\"}"));
        BOOK.routines().keySet().stream().sorted().limit(SAMPLES)
                .forEach(id -> inputs.add("/request_routine{\"routine\": \"" + id + "\"}"));
        BOOK.safety().checklist().groups().forEach(g -> inputs.add("/affirm{\"checklist\": \"" + g.id() + "\"}"));
        return inputs;
    }

    /** The user answered the checklist: "none of these" or a group, pressed while the checklist was asked. */
    private static boolean answersTheChecklist(State state, String input, Turn turn) {
        boolean asked = BOOK.graph().node(state.conversation().node()).type() == NodeType.SCREEN;
        boolean answer = input.equals("/deny") || input.startsWith("/affirm{\"checklist\"");
        return asked && answer && BOOK.graph().node(turn.state().node()).type() != NodeType.SCREEN;
    }

    /** The turn shows step 1 of a technique it was not showing before. */
    private static boolean startsATechnique(State before, Turn turn) {
        boolean walkingBefore = BOOK.graph().node(before.conversation().node()).type() == NodeType.WALK;
        return turn.state().step() != null && turn.state().step() == 1
                && (!walkingBefore || !turn.state().technique().equals(currentTechnique(before)));
    }

    private static String currentTechnique(State state) {
        var c = state.conversation();
        return c.plan().isEmpty() ? null : c.plan().get(c.planIndex());
    }
}
