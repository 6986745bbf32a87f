package io.knotwise.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.engine.CautionAnswerCheck;
import io.knotwise.engine.ChecklistExploration;
import io.knotwise.engine.Engine;
import io.knotwise.engine.EngineEvents;
import io.knotwise.engine.Input;
import io.knotwise.engine.Models;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.store.MemoryConversationStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the shipped {@code dialogs/} (read with {@code models/}' entity lexicon) must keep, through the engine with a
 * lambda classifier: the engine's own behaviour is tested on a fixture ({@code io.knotwise.engine}), these fail when
 * the content stops doing what it must.
 */
class ShippedDialogsTest {

    private static final Guidebook BOOK = ContentLoader.load(Path.of("dialogs"));
    private static final NluDataLoader NLU = new NluDataLoader(Path.of("models"));

    /** Questions about pressure, tools, lying on balls and the plan, with the intent a user's question has. */
    private static final Map<String, String> QUESTIONS = Map.of(
            "how hard should I press?", "ask_safety",
            "can I use a lacrosse ball on the knot?", "ask_equipment",
            "can I lie on a foam roller?", "ask_safety",
            "is a massage gun ok?", "ask_equipment",
            "how long should I hold each spot?", "ask_frequency",
            "can I do this every day?", "ask_frequency",
            "how often should I do this?", "ask_frequency");

    @Test
    void noPathThroughTheShippedGraphStartsATechniqueBeforeTheChecklist() {
        int walksStarted = ChecklistExploration.walksStarted(BOOK, entities(), "progressive_neuro_deficit");

        assertThat(walksStarted).as("the exploration reaches techniques at all").isGreaterThan(50);
    }

    static Stream<Arguments> cautionsAndQuestions() {
        return CautionAnswerCheck.cautionsAndQuestions(BOOK, QUESTIONS);
    }

    /** Every shipped caution that restricts answers, times every common question about what it restricts. */
    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cautionsAndQuestions")
    void aRaisedCautionAnswersTheCommonQuestionsInItsOwnVariant(String button, String category, String question) {
        CautionAnswerCheck.answersInTheCautionsOwnVariant(BOOK, engine(QUESTIONS), QUESTIONS, button, category,
                question, "5 to 7", "hurts so good");
    }

    @Test
    void aPregnantUserAskingToLieOnATennisBallIsToldNo() {
        Engine engine = engine(Map.of("I'm 20 weeks pregnant", "describe_symptom",
                "can I lie on a tennis ball?", "ask_safety"));
        String id = engine.start("en-GB").conversationId();
        engine.handle(id, Input.text("I'm 20 weeks pregnant"));

        String answer = engine.handle(id, Input.text("can I lie on a tennis ball?")).messages().get(0).text();

        assertThat(answer).startsWith("No, please don't lie on a ball").contains("midwife");
    }

    /** The engine over the shipped dialogs, reading these texts as these intents and anything else as out of scope. */
    private static Engine engine(Map<String, String> intents) {
        var byWords = new HashMap<String, String>();
        intents.forEach((text, intent) -> byWords.put(String.join(" ", TextNormalizer.words(text)), intent));
        var parser = new MessageParser(words -> List.of(new IntentScore(
                byWords.getOrDefault(String.join(" ", words), "out_of_scope"), 0.99)), entities(), 0.5, 0.2);
        return new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())),
                new MemoryConversationStore(Duration.ofMinutes(30), 100), Clock.systemUTC(), null, null,
                EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);
    }

    private static EntityExtractor entities() {
        return new EntityExtractor(NLU.lexicon(), NLU.patterns());
    }
}
