package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.cli.SafetyCli;
import io.knotwise.content.ContentLoader;
import io.knotwise.nlu.TextNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The red-flag screen on everything it is measured on: the frozen test stays apart from every set and rule it could
 * be tuned with, the committed model was trained on the current data, the screen holds its floors, and the committed
 * report says what it measures now.
 */
class SafetyCorpusTest {

    private static final Path DIALOGS = Path.of("dialogs");
    private static final Path MODELS = Path.of("models");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static SafetyRules rules;
    private static SafetyCorpus corpus;
    private static SafetyReport.Inputs measured;

    @BeforeAll
    static void evaluate() {
        rules = ContentLoader.load(DIALOGS).safety();
        corpus = ContentLoader.loadCorpus(MODELS.resolve(SafetyCli.SAFETY_CORPUS));
        measured = SafetyCli.reportInputs(DIALOGS, MODELS);
    }

    @Test
    void everyCategoryHasTenPositivesAndFiveNegativesInTheHandWrittenCorpus() {
        assertThat(corpus.categories().keySet())
                .containsExactlyInAnyOrderElementsOf(rules.categories().stream().map(Category::id).toList());
        corpus.categories().forEach((id, cases) -> {
            assertThat(cases.positives()).as(id + " positives").hasSizeGreaterThanOrEqualTo(10);
            assertThat(cases.negatives()).as(id + " negatives").hasSizeGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void theFrozenTestHasFourHundredPositivesAndTwoHundredFiftyNegativesOverEveryCategory() {
        var frozen = SafetySet.loadFolder(MODELS.resolve(SafetyCommands.TEST));
        assertThat(frozen.lines().stream().filter(SafetySet.Line::positive).count()).isGreaterThanOrEqualTo(400);
        assertThat(frozen.lines().stream().filter(l -> !l.positive()).count()).isGreaterThanOrEqualTo(250);
        assertThat(frozen.lines().stream().filter(SafetySet.Line::positive).map(SafetySet.Line::label)
                .collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(rules.categories().stream().map(Category::id).toList());
    }

    @Test
    void noFrozenLineIsInTrainingValidationTheCorpusOrTheRules() throws IOException {
        Set<String> frozen = normalized(SafetySet.loadFolder(MODELS.resolve(SafetyCommands.TEST)).lines().stream()
                .map(SafetySet.Line::text).toList());
        var elsewhere = new HashSet<String>();
        for (String folder : List.of(SafetyCommands.TRAIN, SafetyCommands.VALIDATION, SafetyCommands.UNSEEN)) {
            elsewhere.addAll(normalized(SafetySet.loadFolder(MODELS.resolve(folder)).lines().stream()
                    .map(SafetySet.Line::text).toList()));
        }
        var files = new ArrayList<>(List.of(MODELS.resolve(SafetyCli.SAFETY_CORPUS)));
        try (Stream<Path> rules = Files.list(DIALOGS.resolve("safety"))) {
            rules.forEach(files::add);
        }
        for (Path file : files) {
            elsewhere.addAll(normalized(QUOTED.matcher(Files.readString(file)).results()
                    .map(m -> m.group(1)).toList()));
            elsewhere.addAll(normalized(Files.readAllLines(file).stream()
                    .filter(l -> l.strip().startsWith("- text:")).map(l -> l.strip().substring(7)).toList()));
        }
        frozen.retainAll(elsewhere);
        assertThat(frozen).as("frozen test lines found in data the screen is tuned with").isEmpty();
    }

    @Test
    void theCommittedSecondOpinionWasTrainedOnTheCurrentDataAndRules() throws IOException {
        String expected = SafetyCommands.fingerprint(SafetyCli.samples(DIALOGS, MODELS));
        assertThat(Files.readString(MODELS.resolve(SafetyCommands.FINGERPRINT)).strip())
                .as("models/safety/redflag.bin is stale: retrain with `java -jar target/knotwise.jar safety-train`")
                .isEqualTo(expected);
    }

    @Test
    void everyHandWrittenPositiveIsRaisedAtItsTierOrHigher() {
        assertThat(measured.fitted().missed()).isEmpty();
        assertThat(measured.fitted().recall().rate()).isGreaterThanOrEqualTo(SafetyReport.RECALL_TARGET);
    }

    @Test
    void handWrittenFalseAlarmsStayUnderTwoPercent() {
        assertThat(measured.fitted().falseAlarmRate()).as("false alarms: %s", measured.fitted().falseAlarmCases())
                .isLessThanOrEqualTo(SafetyReport.FALSE_ALARM_TARGET);
    }

    @Test
    void theFrozenTestHoldsItsFloorsWithoutShowingItsLines() {
        // Floors against regressions, below today's figures; the goal (97% and 3%) is not reached yet.
        assertThat(measured.frozen().recall().rate()).as("frozen test recall").isGreaterThanOrEqualTo(0.90);
        assertThat(measured.frozen().falseAlarmRate()).as("frozen test false alarms").isLessThanOrEqualTo(0.05);
    }

    @Test
    void ordinaryInDomainChatRaisesAFlagOnAtMostHalfAPercent() {
        assertThat(measured.chat().falseAlarmRate()).isLessThanOrEqualTo(0.005);
    }

    @Test
    void theCommittedReportIsCurrent() throws IOException {
        assertThat(Files.readString(MODELS.resolve(SafetyCli.SAFETY_REPORT)))
                .as("models/safety/REPORT.md is stale: run `java -jar target/knotwise.jar safety-report`")
                .isEqualTo(SafetyReport.markdown(measured));
    }

    private static Set<String> normalized(List<String> texts) {
        return texts.stream().map(t -> String.join(" ", TextNormalizer.words(t))).filter(t -> !t.isBlank())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
