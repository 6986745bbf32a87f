package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.ContentLoader;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.SafetySet;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.junit.jupiter.api.Test;

/**
 * The compiled categorizer gives exactly OpenNLP's probabilities (not approximately: the same doubles), for the
 * committed intent model and second opinion, on the messages they were trained on and on words they never saw.
 */
class CompiledDoccatTest {

    private static final Path MODELS = Path.of("models");
    private static final String[] UNSEEN =
            {"zzqx", "tenis", "bal", "neg|zzqx", "\u00A7nonesuch", "", "knot", "knot", "^", "knot", "zz_qx", "^"};

    @Test
    void theIntentModelScoresEveryTrainingMessageExactlyAsOpenNlpDoes() {
        var loader = new NluDataLoader(MODELS);
        DoccatModel model = OpenNlpIntentClassifier.load(loader.modelFile()).model();
        Stream<String[]> messages = Stream.concat(
                loader.examples().stream().map(example -> TextNormalizer.words(example.text())),
                Stream.<String[]>of(UNSEEN, new String[0], new String[] {"__upper_back__", "next"}));

        assertSameScores(model, messages);
    }

    @Test
    void theSecondOpinionScoresEveryValidationReadingExactlyAsOpenNlpDoes() {
        DoccatModel model = OpenNlpIntentClassifier.load(MODELS.resolve("safety/redflag.bin")).model();
        var detector = new RedFlagDetector(ContentLoader.load(Path.of("dialogs")).safety(), Set.of());
        Stream<String[]> readings = Stream.concat(
                SafetySet.loadFolder(MODELS.resolve("safety/validation")).lines().stream()
                        .map(line -> detector.reading(line.text())),
                Stream.<String[]>of(UNSEEN, new String[0]));

        assertSameScores(model, readings);
    }

    private static void assertSameScores(DoccatModel model, Stream<String[]> messages) {
        CompiledDoccat compiled = CompiledDoccat.of(model).orElseThrow();
        var categorizer = new DocumentCategorizerME(model);
        assertThat(messages).allSatisfy(words ->
                assertThat(compiled.categorize(words)).as(String.join(" ", words))
                        .containsExactly(categorizer.categorize(words)));
    }
}
