package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the committed model: it matches the training data, its decision rule is the calibrated one, and it meets
 * its floors on data it never saw (our held-out test split and the CLINC150 validation split).
 */
class IntentModelTest {

    private static final Path MODELS = Path.of("models");
    /** Regression floors, a little under what the committed model measures (see models/REPORT.md). */
    private static final double HELD_OUT_IN_DOMAIN_FLOOR = 0.93;
    private static final double CLINC_OOS_RECALL_FLOOR = NluCommands.OOS_TARGET;

    private static NluDataLoader loader;
    private static OpenNlpIntentClassifier model;
    private static IntentClassifier classifier;
    private static NluSettings settings;

    @BeforeAll
    static void load() {
        loader = new NluDataLoader(MODELS);
        model = OpenNlpIntentClassifier.load(loader.modelFile());
        classifier = loader.intentClassifier(model);
        settings = loader.settings();
    }

    @Test
    void theCommittedModelWasTrainedOnTheCurrentData() {
        // The event hash depends on the training events, not on how long the trainer iterates: one iteration will do.
        var once = new NluSettings(settings.threshold(), settings.margin(), settings.algorithm(), 1, settings.cutoff());
        var retrained = new IntentTrainer(once, loader.entityClasses()).train(loader.examples());

        assertThat(IntentTrainer.eventHash(model.model()))
                .as("models/intent.bin is stale: retrain with `java -jar target/knotwise.jar train`")
                .isEqualTo(IntentTrainer.eventHash(retrained));
    }

    @Test
    void theModelKnowsEveryIntentOfTheContract() {
        assertThat(model.intents()).containsExactlyInAnyOrder("greet", "goodbye", "thanks", "affirm", "deny",
                "help", "repeat", "stop", "next", "back", "start_timer", "request_technique", "request_routine",
                "describe_symptom", "ask_safety", "ask_frequency", "ask_causes", "ask_benefits", "ask_professional",
                "ask_equipment", "explain_technique", "feedback_better", "feedback_worse", "discomfort",
                "out_of_scope");
    }

    @Test
    void aTechniqueNamedAloneIsAskedForEvenWhereATrainingLineCallsItAQuestion() {
        // models/intents/explain_technique.txt has "effleurage?": the name alone still starts the technique.
        for (String text : List.of("effleurage", "Effleurage?", "skin rolling", "the tennis ball one")) {
            assertThat(classifier.rank(TextNormalizer.words(text)).get(0).name()).as(text)
                    .isEqualTo("request_technique");
        }
    }

    @Test
    void theDecisionRuleIsTheCalibratedOne() {
        var choice = Calibration.choose(classifier, loader.heldOut("validation"), loader.clincValidation(),
                NluCommands.OOS_TARGET);

        assertThat(settings.threshold()).as("models/nlu.yml: run `java -jar target/knotwise.jar calibrate`")
                .isEqualTo(choice.chosen().threshold());
        assertThat(settings.margin()).isEqualTo(choice.chosen().margin());
    }

    @Test
    void heldOutTestPhrasingsMeetTheInDomainFloor() {
        List<Example> test = loader.heldOut("test");
        var result = IntentEvaluation.score(test,
                IntentEvaluation.predict(classifier, test, settings.threshold(), settings.margin()));

        assertThat(result.inDomainCases()).isGreaterThanOrEqualTo(200);
        assertThat(result.inDomainAccuracy()).as("errors: %s", result.errors())
                .isGreaterThanOrEqualTo(HELD_OUT_IN_DOMAIN_FLOOR);
    }

    @Test
    void clincValidationQueriesAreDeclinedAsOutOfScope() {
        List<Example> clinc = loader.clincValidation();
        var result = IntentEvaluation.score(clinc,
                IntentEvaluation.predict(classifier, clinc, settings.threshold(), settings.margin()));

        assertThat(result.oosCases()).isGreaterThan(2000);
        assertThat(result.oosRecall()).isGreaterThanOrEqualTo(CLINC_OOS_RECALL_FLOOR);
    }

    @Test
    void heldOutDataIsNeverTrainedOn() {
        Set<String> training = loader.examples().stream().map(e -> String.join(" ", TextNormalizer.words(e.text())))
                .collect(Collectors.toSet());
        for (String split : List.of("validation", "test")) {
            assertThat(loader.heldOut(split)).as(split)
                    .noneMatch(e -> training.contains(String.join(" ", TextNormalizer.words(e.text()))));
        }
        assertThat(loader.clincValidation())
                .noneMatch(e -> training.contains(String.join(" ", TextNormalizer.words(e.text()))));
    }
}
