package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.ContentLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first red-flag screen, on the real rules of {@code dialogs/safety.yml}. */
class RedFlagDetectorTest {

    private final RedFlagDetector detector = new RedFlagDetector(ContentLoader.load(Path.of("dialogs")).safety(),
            java.util.Set.of("swearing"));

    private List<String> flags(String text) {
        return detector.detect(text, false).stream().map(RedFlag::id).toList();
    }

    @Test
    void chestPainIsACardiacEmergency() {
        var found = detector.detect("I have crushing chest pain", false);
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(flags("I have crushing chest pain")).contains("cardiac_warning_signs");
    }

    @Test
    void negatedSymptomsRaiseNothing() {
        assertThat(flags("no chest pain at all, just tight traps")).doesNotContain("cardiac_warning_signs");
        assertThat(flags("I'm not on any blood thinners")).doesNotContain("anticoagulant_or_bleeding_risk");
    }

    @Test
    void idiomsAreNotFlags() {
        assertThat(flags("my back is killing me")).isEmpty();
        assertThat(flags("I've got a killer knot between my shoulder blades")).isEmpty();
    }

    @Test
    void bloodThinnersAreACautionWithNoBallsOrRollers() {
        assertThat(detector.detect("I'm on warfarin", false)).containsExactly(
                new RedFlag("anticoagulant_or_bleeding_risk", Tier.CAUTION));
    }

    @Test
    void ordinaryMassageTalkRaisesNothing() {
        assertThat(flags("my chest muscles are sore from the bench press")).isEmpty();
        assertThat(flags("pressure about 5 out of 10 on my tight traps")).isEmpty();
    }

    @Test
    void dizzinessStopsATechniqueMidWay() {
        assertThat(detector.detect("I feel a bit dizzy", true)).isNotEmpty();
    }

    @Test
    void aHypotheticalQuestionIsNotAFlag() {
        assertThat(flags("what if I had a clot?")).doesNotContain("suspected_dvt");
    }

    @Test
    void aSentenceEndClosesTheNegationScope() {
        assertThat(flags("No fever. Crushing chest pain since this morning.")).contains("cardiac_warning_signs");
    }

    @Test
    void aMisspeltRedFlagWordIsStillRead() {
        assertThat(flags("my chest is tite and I'm sweaty")).contains("cardiac_warning_signs");
        assertThat(flags("I've got pins and needels in my hand")).contains("progressive_neuro_deficit");
    }

    @Test
    void aKnownWordIsNeverTakenForAMisspelling() {
        assertThat(flags("I was swearing at my laptop and my upper back aches")).isEmpty();
    }

    @Test
    void aModifierRaisesTheTierOfWhatComesWithIt() {
        var alone = detector.detect("my back pain keeps getting worse", false);
        var withSteroids = detector.detect("I'm on long-term steroids and my back pain keeps getting worse", false);

        assertThat(alone).contains(new RedFlag("persistent_or_worsening_pain", Tier.SEE_DOCTOR));
        assertThat(withSteroids).contains(new RedFlag("persistent_or_worsening_pain", Tier.URGENT));
    }

    @Test
    void aThirdPartysSymptomsStillCount() {
        assertThat(detector.detect("my mum is breathless and her back hurts", false))
                .anyMatch(f -> f.tier() == Tier.EMERGENCY);
    }

    @Test
    void sayingAFlagWasWrongIsACorrection() {
        assertThat(detector.isCorrection("no, I don't have chest pain, you misunderstood")).isTrue();
        assertThat(detector.isCorrection("how often should I do this?")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "soft hyphen | I have crush\u00ADing chest pain",
        "zero-width space | my hus\u200Bband's speech is sud\u200Bdenly slur\u200Bred",
        "zero-width joiner | I can't feel my saddle area and I've wet my\u200Dself",
        "fullwidth letters | \uFF43\uFF52\uFF55\uFF53\uFF48\uFF49\uFF4E\uFF47 chest pain",
        "decomposed accents | a sudden te\u0301aring pain in my back",
        "modifier apostrophe | I can\u02BCt breathe and I\u02BCm coughing up blood"})
    void invisibleAndLookAlikeCharactersHideNoEmergency(String trick, String text) {
        String decoded = text.translateEscapes();
        assertThat(detector.detect(decoded, false)).as(trick).isNotEmpty();
        assertThat(detector.detect(decoded, false).get(0).tier()).as(trick).isEqualTo(Tier.EMERGENCY);
    }
}
