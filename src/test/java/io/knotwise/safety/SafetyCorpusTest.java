package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.Main;
import io.knotwise.content.ContentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The red-flag screen meets its targets on the corpus written for it, and the committed report says so. */
class SafetyCorpusTest {

    private static final Path DIALOGS = Path.of("dialogs");
    private static SafetyRules rules;
    private static SafetyCorpus corpus;
    private static SafetyEvaluation.Result result;
    private static SafetyEvaluation.Result holdout;

    @BeforeAll
    static void evaluate() {
        rules = ContentLoader.load(DIALOGS).safety();
        corpus = ContentLoader.loadCorpus(DIALOGS.resolve(Main.SAFETY_CORPUS));
        result = Main.evaluateSafety(DIALOGS, Path.of("models"), Main.SAFETY_CORPUS);
        holdout = Files.exists(DIALOGS.resolve(Main.SAFETY_HOLDOUT))
                ? Main.evaluateSafety(DIALOGS, Path.of("models"), Main.SAFETY_HOLDOUT) : null;
    }

    @Test
    void everyCategoryHasTenPositivesAndFiveNegatives() {
        assertThat(corpus.categories().keySet())
                .containsExactlyInAnyOrderElementsOf(rules.categories().stream().map(Category::id).toList());
        corpus.categories().forEach((id, cases) -> {
            assertThat(cases.positives()).as(id + " positives").hasSizeGreaterThanOrEqualTo(10);
            assertThat(cases.negatives()).as(id + " negatives").hasSizeGreaterThanOrEqualTo(5);
        });
        assertThat(corpus.benign()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(corpus.modifiers()).isNotEmpty();
    }

    @Test
    void everyPositiveIsRaisedAtItsTierOrHigher() {
        assertThat(result.missed()).isEmpty();
        assertThat(result.recall().rate()).isGreaterThanOrEqualTo(SafetyReport.RECALL_TARGET);
    }

    @Test
    void falseAlarmsStayUnderTwoPercent() {
        assertThat(result.falseAlarmRate()).as("false alarms: %s", result.falseAlarmCases())
                .isLessThanOrEqualTo(SafetyReport.FALSE_ALARM_TARGET);
    }

    @Test
    void theCommittedReportIsCurrent() throws IOException {
        String expected = SafetyReport.markdown(result, holdout, Main.SAFETY_REPORT_COMMAND);
        assertThat(Files.readString(DIALOGS.resolve(Main.SAFETY_REPORT)))
                .as("dialogs/safety-report.md is stale: run `java -jar target/knotwise.jar safety-report`")
                .isEqualTo(expected);
    }
}
