package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every caution that restricts answers, times every question about what it restricts: once the caution is raised
 * (by its checklist button), the guide answers in the caution's own variant, never with the default figures; an
 * answer about nothing the caution restricts is said as it is. On the fixture dialogs, whose caution restricts
 * pressure, tools and the plan but not lying.
 */
class CautionAnswersTest {

    private static final Guidebook BOOK = Fixtures.dialogs();
    /** The figure the fixture's default answers give (how hard to press), which no caution's variant may repeat. */
    private static final String DEFAULT_FIGURE = "6 out of 10";

    /** Questions about pressure, tools, lying on balls and the plan, with the intent a user's question has. */
    private static final Map<String, String> QUESTIONS = Map.of(
            "how hard should I press?", "ask_safety",
            "can I lie on a tennis ball?", "ask_safety",
            "should I lie face down?", "ask_safety",
            "how often should I do this?", "ask_frequency");

    static Stream<Arguments> cautionsAndQuestions() {
        return CautionAnswerCheck.cautionsAndQuestions(BOOK, QUESTIONS);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cautionsAndQuestions")
    void aRaisedCautionAnswersInItsOwnVariant(String button, String category, String question) {
        var parser = Fixtures.parser(words -> List.of(new IntentScore(QUESTIONS.entrySet().stream()
                .filter(q -> String.join(" ", TextNormalizer.words(q.getKey())).equals(String.join(" ", words)))
                .map(Map.Entry::getValue).findFirst().orElse("out_of_scope"), 0.99)));
        var engine = new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())),
                new MemoryConversationStore(Duration.ofMinutes(30), 100), Clock.systemUTC(), null, null,
                EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);

        CautionAnswerCheck.answersInTheCautionsOwnVariant(BOOK, engine, QUESTIONS, button, category, question,
                DEFAULT_FIGURE);
    }
}
