package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards the committed model: it matches the training data, and understands phrasings it never saw. */
class IntentModelTest {

    private static final Path MODELS = Path.of("models");
    private static final double HELD_OUT_FLOOR = 0.85;

    @Test
    void theCommittedModelWasTrainedOnTheCurrentData() {
        var loader = new NluDataLoader(MODELS);
        var retrained = new IntentTrainer(loader.settings()).train(loader.examples());
        var committed = OpenNlpIntentClassifier.load(loader.modelFile()).model();

        assertThat(IntentTrainer.eventHash(committed))
                .as("models/intent.bin is stale: retrain with `java -jar target/knotwise.jar train`")
                .isEqualTo(IntentTrainer.eventHash(retrained));
    }

    @Test
    void theModelKnowsEveryIntentOfTheContract() {
        var classifier = OpenNlpIntentClassifier.load(MODELS.resolve(NluDataLoader.MODEL_FILE));
        assertThat(classifier.intents()).containsExactlyInAnyOrder("greet", "goodbye", "thanks", "affirm", "deny",
                "help", "repeat", "stop", "next", "back", "start_timer", "request_technique", "request_routine",
                "describe_symptom", "ask_safety", "ask_frequency", "ask_causes", "ask_benefits", "ask_professional",
                "ask_equipment", "explain_technique", "feedback_better", "feedback_worse", "discomfort",
                "out_of_scope");
    }

    @Test
    void heldOutPhrasingsMeetTheAccuracyFloor() throws IOException {
        var classifier = OpenNlpIntentClassifier.load(MODELS.resolve(NluDataLoader.MODEL_FILE));
        List<String[]> cases = Files.readAllLines(Path.of("src/test/resources/nlu/held_out.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2))
                .toList();
        long right = cases.stream()
                .filter(c -> classifier.rank(TextNormalizer.words(c[1])).get(0).name().equals(c[0]))
                .count();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat((double) right / cases.size()).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
    }

    @Test
    void heldOutPhrasingsAreNotInTheTrainingData() throws IOException {
        var training = new NluDataLoader(MODELS).examples().stream()
                .map(e -> String.join(" ", TextNormalizer.words(e.text()))).toList();
        var heldOut = Files.readAllLines(Path.of("src/test/resources/nlu/held_out.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> String.join(" ", TextNormalizer.words(l.split("\t", 2)[1])))
                .toList();
        assertThat(heldOut).doesNotContainAnyElementsOf(training);
    }
}
