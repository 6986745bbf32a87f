package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.RealGuide;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.DialogGraph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes conversation turns on the real guide: a conversation fed any sequence of texts and payloads only ever
 * refuses a message with the project's own exceptions, stays readable, stays on a node of the graph, and is left
 * exactly as it was by a refused message.
 */
class ConversationFuzzTest {

    private static final int MAX_TURNS = 12;
    private static final List<String> LOCALES = List.of("en-GB", "en-US", "de-DE", "x");
    private static final List<String> ENTITIES = List.of("technique", "body_area", "side", "tool", "duration",
            "severity", "unknown_entity");
    /** Things people say, so the fuzzer reaches deep states (a walk, an escalation) from its first inputs. */
    private static final List<String> SAYINGS = List.of("hi", "next", "back", "yes", "no", "stop", "repeat", "time me",
            "how do I release knots between my shoulder blades", "about two weeks", "6 out of 10",
            "I have a tennis ball", "10 minutes", "none of these", "much looser now", "still tight",
            "I have crushing chest pain", "you misunderstood me", "is a massage gun safe?", "I am pregnant",
            "ouch, too much pressure", "bye");

    private static Engine engine;
    private static DialogGraph graph;
    private static List<String> intents;
    private static List<String> values;

    @BeforeAll
    static void load() {
        engine = RealGuide.engineWithOwnStore();
        Guidebook book = RealGuide.guide().book();
        graph = book.graph();
        intents = List.copyOf(book.intentTitles().keySet());
        var known = new ArrayList<String>(book.techniques().keySet());
        known.addAll(book.vocabulary().bodyAreas().keySet());
        known.addAll(book.vocabulary().tools().keySet());
        known.addAll(List.of("left", "right", "both", "10", "-1", "", "\\\""));
        values = List.copyOf(known);
    }

    @FuzzTest(maxDuration = "2m")
    void anySequenceOfMessagesLeavesAWholeConversation(FuzzedDataProvider data) {
        String id = engine.start(data.pickValue(LOCALES)).conversationId();
        for (int turn = 0; turn < MAX_TURNS && data.remainingBytes() > 0; turn++) {
            List<TranscriptEntry> before = engine.find(id).transcript();
            try {
                engine.handle(id, input(data));
                assertThat(engine.find(id).transcript()).hasSizeGreaterThan(before.size()).startsWith(
                        before.toArray(TranscriptEntry[]::new));
            } catch (BadInputException | NotFoundException refused) {
                assertThat(engine.find(id).transcript()).as("after refusing: %s", refused.getMessage())
                        .isEqualTo(before);
            }
            assertWhole(engine.find(id));
        }
        String unknown = "missing-" + id;
        assertThatThrownBy(() -> engine.handle(unknown, Input.text("next"))).isInstanceOf(NotFoundException.class);
    }

    private static void assertWhole(Conversation conversation) {
        assertThat(graph.nodes()).containsKey(conversation.node());
        TurnState state = engine.state(conversation);
        assertThat(state.node()).isEqualTo(conversation.node());
        if (state.step() != null) {
            assertThat(state.totalSteps()).isNotNull();
            assertThat(state.step()).isBetween(1, state.totalSteps());
        }
    }

    private static Input input(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> Input.text(data.pickValue(SAYINGS));
            case 1 -> Input.text(data.consumeString(300));
            case 2 -> Input.payload("/" + data.pickValue(intents));
            case 3 -> Input.payload("/" + data.pickValue(intents) + "{\"" + data.pickValue(ENTITIES) + "\": "
                    + (data.consumeBoolean() ? "\"" + value(data) + "\"" : Integer.toString(data.consumeInt()))
                    + "}");
            default -> Input.payload(data.consumeString(120));
        };
    }

    private static String value(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(values) : data.consumeString(40);
    }
}
