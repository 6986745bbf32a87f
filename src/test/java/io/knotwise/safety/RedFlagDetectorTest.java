package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.content.ContentLoader;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.NluDataLoader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The first red-flag screen, on the real rules of {@code dialogs/safety/}. */
class RedFlagDetectorTest {

    private static final SafetyRules RULES = ContentLoader.load(Path.of("dialogs")).safety();
    /** The same rules with the second opinion's overruling switched on, whatever the calibration chose. */
    private static final SafetyRules OVERRULING = RULES.withSecondOpinion(new SecondOpinion(0.3, 0.1, 0.4, 0.7, 1.0));

    /** Real English words, which the guide never spell-corrects (an immutable set, read once). */
    private static final Set<String> ENGLISH = new NluDataLoader(Path.of("models")).englishWords();

    /** Detectors are immutable, and building one reads every list of the rules: each is built once. */
    private static final RedFlagDetector DETECTOR = new RedFlagDetector(RULES, Set.of("swearing"));
    private static final RedFlagDetector READING_ENGLISH = new RedFlagDetector(RULES, ENGLISH);

    private List<String> flags(String text) {
        return DETECTOR.detect(text, false).stream().map(RedFlag::id).toList();
    }

    /** The rules' flags as the guide reads the words: English words are never taken for misspellings. */
    private static List<String> rulesFlags(String text) {
        return READING_ENGLISH.detect(text, false).stream().map(RedFlag::id).toList();
    }

    @Test
    void chestPainIsACardiacEmergency() {
        var found = DETECTOR.detect("I have crushing chest pain", false);
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
        assertThat(DETECTOR.detect("I'm on warfarin", false)).containsExactly(
                new RedFlag("anticoagulant_or_bleeding_risk", Tier.CAUTION));
    }

    @Test
    void ordinaryMassageTalkRaisesNothing() {
        assertThat(flags("my chest muscles are sore from the bench press")).isEmpty();
        assertThat(flags("pressure about 5 out of 10 on my tight traps")).isEmpty();
    }

    @Test
    void dizzinessStopsATechniqueMidWay() {
        assertThat(DETECTOR.detect("I feel a bit dizzy", true)).isNotEmpty();
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
        var alone = DETECTOR.detect("my back pain keeps getting worse", false);
        var withSteroids = DETECTOR.detect("I'm on long-term steroids and my back pain keeps getting worse", false);

        assertThat(alone).contains(new RedFlag("persistent_or_worsening_pain", Tier.SEE_DOCTOR));
        assertThat(withSteroids).contains(new RedFlag("persistent_or_worsening_pain", Tier.URGENT));
    }

    @Test
    void aThirdPartysSymptomsStillCount() {
        assertThat(DETECTOR.detect("my mum is breathless and her back hurts", false))
                .anyMatch(f -> f.tier() == Tier.EMERGENCY);
    }

    @Test
    void sayingAFlagWasWrongIsACorrection() {
        assertThat(DETECTOR.isCorrection("no, I don't have chest pain, you misunderstood")).isTrue();
        assertThat(DETECTOR.isCorrection("how often should I do this?")).isFalse();
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
        assertThat(DETECTOR.detect(decoded, false)).as(trick).isNotEmpty();
        assertThat(DETECTOR.detect(decoded, false).get(0).tier()).as(trick).isEqualTo(Tier.EMERGENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my brother had a stroke last year", "my aunt has scoliosis",
        "my partner takes clopidogrel", "my colleague's off with a dvt", "I'm a nurse on a stroke ward",
        "my nan takes eliquis, I just do her shopping"})
    void someoneElsesHistoryConditionMedicationOrJobIsNotTheUsers(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "my mum is breathless and her back hurts | cardiac_warning_signs",
        "my husband's speech is suddenly slurred | stroke_signs"})
    void someoneElsesCurrentEmergencyIsStillAnswered(String text, String category) {
        assertThat(DETECTOR.detect(text, false)).contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @Test
    void someoneElsesConditionCountsWhenTheyAreTheOneToBeMassaged() {
        assertThat(flags("my wife is pregnant, can I massage her upper back?")).contains("pregnancy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Numbness? None. Fever? Nope. Pregnant? No.", "chest pain no breathless no numb no",
        "CP N, SOB N, fever N", "Pregnant? Definitely not lol.", "laughing doesn't change it",
        "it never wakes me up", "no chest pain at all, just tight traps"})
    void aChecklistDeniedInOneLineOrASymptomStatedAsAbsentRaisesNothing(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @Test
    void aDenialDoesNotReachBackOverAnotherPhrase() {
        assertThat(flags("crushing chest pain, no fever")).contains("cardiac_warning_signs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the car accident was ten years ago and I've been fine since",
        "cracked a rib playing rugby at school", "had a clot years ago, all sorted, off the meds now",
        "I had a kidney infection once as a young woman"})
    void theUsersDistantResolvedPastRaisesNothing(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @Test
    void aPastCancerStillCounts() {
        assertThat(flags("I had breast cancer five years ago")).contains("cancer_history_or_weight_loss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"is fever a reason to skip massage?", "what are the signs of a blood clot?",
        "should I stop if my fingers ever go tingly?", "can self-massage dislodge a blood clot?"})
    void aQuestionThatDoesNotSayTheUserHasItRaisesNothing(String text) {
        assertThat(DETECTOR.screen(text, false).flags()).isEmpty();
    }

    @Test
    void aQuestionAboutAnEmergencyAsksTheClarifyingQuestionInstead() {
        Screening screening = DETECTOR.screen("is crushing chest pain always a heart attack?", false);
        assertThat(screening.flags()).isEmpty();
        assertThat(screening.unsure()).contains("cardiac_warning_signs");
    }

    @Test
    void anEmergencyOnlySupposedAsksTheClarifyingQuestionInstead() {
        Screening supposed = DETECTOR.screen("is it ok to keep rolling if I get crushing chest pain?", false);
        Screening urgentOnly = DETECTOR.screen("should I stop if my fingers ever go tingly?", false);

        assertThat(supposed.flags()).isEmpty();
        assertThat(supposed.unsure()).contains("cardiac_warning_signs");
        assertThat(urgentOnly.unsure()).as("only an emergency supposed earns the question").isEmpty();
    }

    @Test
    void aChecklistWordAskedAboutGetsTheClarifyingQuestionThatExplainsIt() {
        Screening asked = DETECTOR.screen("what does saddle numbness mean?", false);

        assertThat(asked.flags()).isEmpty();
        assertThat(asked.unsure()).containsExactly("bladder_bowel_saddle_legs");
    }

    @Test
    void aQuestionThatStatesTheSymptomRaisesIt() {
        assertThat(flags("is the roller ok even though my hands have gone numb?"))
                .contains("progressive_neuro_deficit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"that bill nearly gave me a heart attack", "my jaw hit the floor at the price",
        "numb from boredom", "this deadline is crushing me", "I'm dying to try this",
        "my bum's gone numb from sitting on the floor"})
    void idiomsAreNotRedFlags(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dad's face looks wonky and he's slurring | stroke_signs",
        "it hurts on every breath and I'm breathless | breathing_chest_pe",
        "a tearing pain came on suddenly between my shoulders | tearing_pain_aortic",
        "bad headache and a stiff neck | headache_red_flags"})
    void layWordsForTheSameConceptsRaiseTheEmergency(String text, String category) {
        assertThat(DETECTOR.detect(text, false)).contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "is it normal to cough blood after a deep tissue session | breathing_chest_pe",
        "winded doing nothing | breathing_chest_pe",
        "that feels better... no wait, now I'm short of breath all of a sudden | breathing_chest_pe",
        "I've not peed in 12 hours and my back is agony | bladder_bowel_saddle_legs",
        "i lost half the picture, like the left half of everything is gone | stroke_signs",
        "slipped on ice and went down really hard on my back, heard something go | major_trauma",
        "slipped off the high board and smashed my back on the edge of the pool | major_trauma",
        "I get a tight feeling across the front of me doing the hoovering | cardiac_warning_signs"})
    void emergenciesToldPlainlyOrAsAQuestionOfWhatIsNormalAreRaised(String text, String category) {
        assertThat(rulesFlags(text)).as(text).contains(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {"is it normal to feel sore the day after?", "no wait, I meant the left side",
        "lost my hair pins under the foam roller lol", "I clean floors for a living, my traps are tight",
        "I was a district nurse and ran the warfarin clinics", "fell down a rabbit hole of posture videos last night",
        "my friend asked me whether you can massage after a car crash, what do I tell her",
        "chest feels completely normal", "i hand out warfarin all day at the pharmacy"})
    void ordinaryWordsNearThoseEmergenciesRaiseNothing(String text) {
        assertThat(rulesFlags(text)).as(text).isEmpty();
    }

    @Test
    void theSecondOpinionRaisesACategoryWhoseConceptsTheMessageMentions() {
        var opinion = detectorWithOpinion("stroke_signs", 0.9);
        assertThat(opinion.detect("my lip looks different", false))
                .contains(new RedFlag("stroke_signs", Tier.EMERGENCY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Warfarin/Eliquis etc: no. Easy bruising: no.",
        "clot, stroke, heart trouble, cancer: none of them, thank goodness",
        "Chest pain? no. Short of breath? no. Sweaty? only from the gym.",
        "fever? none at all. only the knot bothers me",
        "Y'all asked about chest pain, fever and numbness: no, no and no."})
    void aChecklistItemAnsweredNoIsDeniedWholeAcrossItsPunctuation(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @Test
    void aChecklistAnswerDoesNotDenyWhatTheUserStatedBeforeIt() {
        assertThat(DETECTOR.detect("I have crushing chest pain, fever? no", false))
                .contains(new RedFlag("cardiac_warning_signs", Tier.EMERGENCY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my wife had a clot on her lung a while back and she's been on tablets since",
        "my PT's mum had a clot in her lung a few years back"})
    void someoneElsesPastEmergencyToldInLayWordsRaisesNothing(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my husband's on apixaban, can he use this guide too?",
        "my sister's 30 weeks pregnant, can she use this app too?"})
    void someoneWhoMayUseTheGuideLaterKeepsTheirConditionsToThemselves(String text) {
        assertThat(flags(text)).isEmpty();
    }

    @Test
    void someoneTheUserMassagesBringsTheirConditionsWithThem() {
        assertThat(flags("my wife is pregnant, can I massage her upper back?")).contains("pregnancy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "have pressure in chest since one hour, it goes also to the back | cardiac_warning_signs",
        "have to strain n strain to get a wee out now, never used to | bladder_bowel_saddle_legs"})
    void aStatementWithoutItsIIsNotReadAsAQuestion(String text, String category) {
        assertThat(DETECTOR.detect(text, false)).contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sorry to be a nuisance, but it feels as if somebody is sitting on my chest | cardiac_warning_signs",
        "Is it normal to lose control of my bladder after using the massage ball? | bladder_bowel_saddle_legs"})
    void aSimileOrAQuestionAboutWhatTheUserHasIsNotAHypothetical(String text, String category) {
        assertThat(DETECTOR.detect(text, false)).contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "can I still use the peanut ball if I've wet myself without noticing twice this week? | "
                + "bladder_bowel_saddle_legs",
        "is heat better than the roller if my chest has been heavy and tight since lunch? | cardiac_warning_signs"})
    void aConditionalThatSaysWhatHasBeenHappeningStatesIt(String text, String category) {
        assertThat(DETECTOR.detect(text, false)).contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "should I still do the wall press if my chest feels squeezed and I'm sweating? | cardiac_warning_signs",
        "can I still lie on the peanut ball if my bum and inner thighs feel numb? | bladder_bowel_saddle_legs",
        "is the roller ok if my chest feels squeezed and I feel sick? | cardiac_warning_signs"})
    void askingWhetherOneMayStillMassageIfSomethingIsSoSaysThatItIs(String text, String category) {
        assertThat(READING_ENGLISH.detect(text, false))
                .contains(new RedFlag(category, Tier.EMERGENCY));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "can I still do the routine if I get pregnant later this year?",
        "should I still use the roller if my arm ever goes numb?",
        "is the ball ok if you have a fever?"})
    void askingWhetherOneMayStillMassageIfSomethingHappensOneDayStaysAHypothetical(String text) {
        assertThat(DETECTOR.detect(text, false)).isEmpty();
    }

    @Test
    void aPostureHunchedOverADeskIsNotAGrowingStoop() {
        assertThat(flags("I sit hunched over my laptop at work and it gets better once I walk about"))
                .doesNotContain("fragility_fracture");
        assertThat(flags("my coat drags at the back now, I'm getting more hunched every year"))
                .contains("fragility_fracture");
    }

    @Test
    void aNumbBottomTheUserSaysIsNotFromSittingWithTheInnerThighsIsAnEmergency() {
        assertThat(DETECTOR.detect("my bum's gone numb, it's not from sitting, and it's down my inner thighs too",
                false)).contains(new RedFlag("bladder_bowel_saddle_legs", Tier.EMERGENCY));
        assertThat(flags("my bum's gone numb from the kitchen chair, I'll get a cushion"))
                .doesNotContain("bladder_bowel_saddle_legs");
    }

    @Test
    void figuringItWasAKnotDeniesNothing() {
        assertThat(flags("a deep ache under my right shoulder blade after every fry up, I figured it was a knot"))
                .contains("visceral_or_shingles_pattern");
    }

    @Test
    void slurringInSomeoneWhoIsNotDrunkIsAStroke() {
        assertThat(flags("my dad is slurring his words and he's not drunk")).contains("stroke_signs");
    }

    @Test
    void whatSomeoneElseSaysTheySeeInTheUserIsNotASupposition() {
        assertThat(flags("my husband say my eyes look yellow and it aches under my right shoulder blade"))
                .contains("visceral_or_shingles_pattern");
    }

    @Test
    void aConditionalAboutWhetherSomethingEverHappenedStaysAHypothetical() {
        assertThat(flags("would the roller be a bad idea if I've ever had a clot in my leg?"))
                .doesNotContain("suspected_dvt");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I'm a phlebotomist and I handle warfarin patients' bloods all day, my traps are wrecked",
        "Sonographer here, I scan cancer patients all day and my right shoulder pays for it"})
    void aConditionNamedWhereTheUserSaysTheirJobIsTheirPatients(String text) {
        assertThat(DETECTOR.detect(text, false)).isEmpty();
    }

    @Test
    void aConditionTheUserClaimsIsTheirsEvenInASentenceAboutTheirJob() {
        assertThat(flags("I'm a dental nurse and I had bowel cancer three years ago"))
                .contains("cancer_history_or_weight_loss");
    }

    @Test
    void aShortFollowUpQuestionHandsTheAnswerBackToItsItem() {
        assertThat(flags("Blood thinners? Me? Never.")).doesNotContain("anticoagulant_or_bleeding_risk");
    }

    @Test
    void ageAloneDoesNotRaiseACaution() {
        assertThat(DETECTOR.detect("I'm 76 and I have osteopenia, my knots are the usual ones", false))
                .containsExactly(new RedFlag("known_condition_needs_clearance", Tier.CAUTION));
    }

    @Test
    void ageWithFirstEverBackPainRaisesTheTierOfWhatComesWithIt() {
        assertThat(DETECTOR.detect("I'm 63, never had back pain before, and there's a graze on my shoulder", false))
                .contains(new RedFlag("skin_or_local_lesion", Tier.SEE_DOCTOR));
    }

    @Test
    void thinBonesWithASmallFallIsAFragilityFracture() {
        assertThat(flags("I've got osteoporosis and I slipped on the kitchen floor, my back has been agony since"))
                .contains("fragility_fracture");
    }

    @Test
    void aChecklistAnswerAfterAShortLeadInStillAnswersItsItem() {
        assertThat(flags("Blood thinners? At 82, of course not.")).doesNotContain("anticoagulant_or_bleeding_risk");
    }

    @Test
    void aYesBeforeTheNoKeepsTheItemAffirmed() {
        assertThat(flags("Chest pain? Yes, crushing, no idea why.")).contains("cardiac_warning_signs");
    }

    @Test
    void anEverydayBritishWordIsNotCorrectedIntoASymptom() {
        assertThat(flags("Pregnant? Not me, I'm a bloke.")).doesNotContain("pregnancy");
    }

    @Test
    void aNounsContractedIsStillReadAsTheNoun() {
        assertThat(DETECTOR.detect("my chest's gone heavy and tight", false))
                .contains(new RedFlag("cardiac_warning_signs", Tier.EMERGENCY));
    }

    @Test
    void aQuestionUsingSomethingIsNotAboutUs() {
        assertThat(flags("Can using the roller cause a blood clot?")).doesNotContain("suspected_dvt");
    }

    @Test
    void aBackFeelingRippedApartIsNotReadAsRestInPeace() {
        assertThat(DETECTOR.detect("my husband says his back feels ripped apart", false))
                .contains(new RedFlag("tearing_pain_aortic", Tier.EMERGENCY));
    }

    @Test
    void aSecondOpinionSureAMessageIsHarmlessTurnsAnUrgentFlagIntoTheClarifyingQuestion() {
        var harmless = detectorWithOpinion(OVERRULING, SafetySet.NONE, 0.7);
        Screening screening = harmless.screen("I've had a fever since yesterday", false);
        assertThat(screening.flags()).isEmpty();
        assertThat(screening.unsure()).containsExactly("fever_or_infection");
    }

    @Test
    void aSecondOpinionSureAMessageIsHarmlessLetsASeeADoctorFlagGo() {
        assertThat(new RedFlagDetector(RULES, Set.of()).detect("my back pain is getting worse every week",
                false)).contains(new RedFlag("persistent_or_worsening_pain", Tier.SEE_DOCTOR));
        assertThat(detectorWithOpinion(OVERRULING, SafetySet.NONE, 0.99)
                .detect("my back pain is getting worse every week", false)).isEmpty();
    }

    @Test
    void upperBackPainWithLightHeadednessAndUnusualTirednessIsACardiacWarning() {
        assertThat(flags("ache under my left shoulder blade and I'm so wiped out, kind of woozy too"))
                .contains("cardiac_warning_signs");
        assertThat(flags("knot under my shoulder blade and I'm wiped out after the gym"))
                .doesNotContain("cardiac_warning_signs");
    }

    @Test
    void aRelativesEmergencyToldInReportedSpeechOrAsAFallIsRaised() {
        // "saying" is not the hypothetical "say I had...", and a chest that "feels crushed" is not the feeling
        assertThat(flags("dad is saying his chest feels crushed")).contains("cardiac_warning_signs");
        assertThat(flags("my son fell out of the treehouse")).contains("major_trauma");
        assertThat(flags("I feel crushed by the news, my shoulders are tight")).isEmpty();
    }

    @Test
    void aPatternNeedsOnePersonsMentions() {
        // his heart and the user's tightness are not chest pressure; his chest pain now still is an emergency
        assertThat(flags("my dad has heart trouble and my shoulders are tight"))
                .doesNotContain("cardiac_warning_signs");
        assertThat(flags("my mum's chest hurts and my shoulders are tight")).contains("cardiac_warning_signs");
    }

    @Test
    void anEmergencyMetOnlyByTheClarifyingQuestionIsCountedApartAndNotAsRecall() {
        var asked = new SafetyCorpus.Case("is crushing chest pain always a heart attack?", null, null, "question");
        var said = new SafetyCorpus.Case("I have crushing chest pain", null, null, "plain");
        var corpus = new SafetyCorpus(Map.of("cardiac_warning_signs",
                new SafetyCorpus.Cases(List.of(asked, said), List.of())), List.of(), List.of());

        SafetyEvaluation.Result result = new SafetyEvaluation(DETECTOR, RULES).evaluate(corpus);

        assertThat(result.recall()).isEqualTo(new SafetyEvaluation.Score(1, 2));
        assertThat(result.emergenciesMet()).isEqualTo(new SafetyEvaluation.Score(2, 2));
    }

    @Test
    void anOverruleThresholdOfOneNeverOverrules() {
        assertThat(new SecondOpinion(0.3, 0.1, 0.4, 1.0, 1.0).overrules(1.0)).isFalse();
        assertThat(new SecondOpinion(0.3, 0.1, 0.4, 0.7, 1.0).overrules(0.7)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I have crushing chest pain | cardiac_warning_signs | EMERGENCY",
        "I'm on warfarin | anticoagulant_or_bleeding_risk | CAUTION"})
    void anEmergencyOrACautionTheRulesRaiseStandsWhateverTheSecondOpinionSays(String text, String category,
                                                                              Tier tier) {
        assertThat(detectorWithOpinion(OVERRULING, SafetySet.NONE, 0.99).detect(text, false))
                .contains(new RedFlag(category, tier));
    }

    @Test
    void aFairlySureSecondOpinionNeedsOneOfTheCategorysConcepts() {
        var groundedOnly = RULES.withSecondOpinion(new SecondOpinion(0.3, 0.1, 0.8, 1.0, 1.0));
        assertThat(detectorWithOpinion(groundedOnly, "stroke_signs", 0.6).detect("next please", false)).isEmpty();
        assertThat(detectorWithOpinion(groundedOnly, "stroke_signs", 0.6).detect("my lip looks different", false))
                .contains(new RedFlag("stroke_signs", Tier.EMERGENCY));
    }

    @Test
    void aSureSecondOpinionRaisesLayWordsTheConceptLayerDoesNotKnow() {
        var sure = detectorWithOpinion("fever_or_infection", 0.9);
        assertThat(sure.detect("my teeth won't stop chattering under two duvets", false))
                .contains(new RedFlag("fever_or_infection", Tier.URGENT));
    }

    @Test
    void aLabelRankedBelowHarmlessThatCouldNotStandAloneOnlyEarnsTheClarifyingQuestion() {
        var split = RULES.withSecondOpinion(new SecondOpinion(0.3, 0.1, 0.5, 1.0, 1.0));
        Screening screening = detectorWithOpinion(split, "stroke_signs", 0.45).screen("my lip looks different", false);
        assertThat(screening.flags()).isEmpty();
        assertThat(screening.unsure()).containsExactly("stroke_signs");
    }

    @Test
    void aDecisiveSecondOpinionRaisesWhereTheRulesWouldAsk() {
        var decisive = RULES.withSecondOpinion(new SecondOpinion(0.3, 0.1, 0.4, 1.0, 0.75));
        Screening vague = detectorWithOpinion(decisive, "cardiac_warning_signs", 0.6).screen("my chest feels weird",
                false);
        assertThat(vague.flags()).isEmpty();
        assertThat(vague.unsure()).contains("cardiac_warning_signs");
        assertThat(detectorWithOpinion(decisive, "cardiac_warning_signs", 0.9).detect("my chest feels weird", false))
                .contains(new RedFlag("cardiac_warning_signs", Tier.EMERGENCY));
    }

    @Test
    void aGroundedLabelSureEnoughToStandAloneIsRaisedEvenBelowHarmless() {
        var thresholds = RULES.withSecondOpinion(new SecondOpinion(0.3, 0.1, 0.4, 1.0, 1.0));
        Screening screening = detectorWithOpinion(thresholds, "stroke_signs", 0.45).screen("my lip looks different",
                false);
        assertThat(screening.flags()).contains(new RedFlag("stroke_signs", Tier.EMERGENCY));
    }

    @Test
    void aCommaAndNowStillLeavesWhatCameBeforeInThePast() {
        assertThat(rulesFlags("had a clot in my leg years ago, now fine")).isEmpty();
    }

    @Test
    void tellingIsNotSupposingAndWalkingTheDogIsTheUsersWalk() {
        assertThat(rulesFlags("before we start I should say the back between my shoulders aches and I feel dizzy and"
                + " sick")).contains("cardiac_warning_signs");
        assertThat(rulesFlags("cant say ive had any weakness in my arms")).isEmpty();
    }

    @Test
    void anUnsureSecondOpinionAsksTheClarifyingQuestion() {
        Screening screening = detectorWithOpinion("stroke_signs", 0.12).screen("my lip looks different", false);
        assertThat(screening.flags()).isEmpty();
        assertThat(screening.unsure()).containsExactly("stroke_signs");
    }

    /** The real rules with a second opinion that always gives one label this confidence and the rest to none. */
    private static RedFlagDetector detectorWithOpinion(String label, double confidence) {
        return detectorWithOpinion(RULES, label, confidence);
    }

    private static RedFlagDetector detectorWithOpinion(SafetyRules rules, String label, double confidence) {
        return new RedFlagDetector(rules, Set.of(),
                words -> Stream.of(new IntentScore(label, confidence), new IntentScore(SafetySet.NONE, 1 - confidence))
                        .sorted(Comparator.comparingDouble(IntentScore::confidence).reversed()).toList());
    }

    @Test
    void anEventToldInThePastTenseThisMorningIsNotHistory() {
        assertThat(flags("when i was walking up the hill just now my chest got tight and i felt sick"))
                .contains("cardiac_warning_signs");
        assertThat(flags("felt a sort of shearing in my chest going round to my back then the room spun and i was on"
                + " the floor")).contains("tearing_pain_aortic");
    }

    @Test
    void theNearestTimeWordDatesAMention() {
        assertThat(flags("broke my arm when I was 9, fine since")).isEmpty();
        assertThat(flags("I had a fall years ago but today I fell off the ladder onto my back, heard a crack"))
                .contains("major_trauma");
    }

    @Test
    void painBroughtOnByWalkingAndEasedByStoppingIsCardiacInAnyWords() {
        assertThat(flags("when i climb the stairs to my flat the middle of my back burn and i must stop on second"
                + " floor, then after rest it go away")).contains("cardiac_warning_signs");
        assertThat(flags("do I have to stop between the steps?")).isEmpty();
        assertThat(flags("stairs are no problem, I climb four floors every day")).isEmpty();
    }

    @Test
    void anIdiomIsNotReadAcrossPunctuation() {
        assertThat(flags("fever no, sweats no, weight steady, no lumps")).isEmpty();
        assertThat(flags("no sweat, I'll try the ball")).isEmpty();
    }

    @Test
    void aSuppositionEndsWhereTheQuestionItConditionsBegins() {
        assertThat(flags("if I ever get pregnant later can I keep doing these?")).isEmpty();
        assertThat(flags("should i still use the ball if both my arms have gone numb since this morning"))
                .contains("progressive_neuro_deficit");
    }

    @Test
    void aQuestionWhetherATechniqueIsFineStatesWhatItsIfClauseSays() {
        assertThat(flags("is it ok to lie on the ball if my chest feels tight right now"))
                .contains("cardiac_warning_signs");
        assertThat(flags("does the ball help if it hurts to breathe in")).contains("breathing_chest_pe");
        assertThat(flags("safe to use the peanut ball if I'm 20 weeks pregnant?")).contains("pregnancy");
        assertThat(flags("is it ok to use the ball if you have a fever?")).isEmpty();
        assertThat(flags("is it safe to massage if one is on warfarin?")).isEmpty();
        assertThat(flags("is it still ok to use the ball if you've had surgery?")).isEmpty();
        assertThat(flags("is it ok to keep doing these if I ever get pregnant?")).isEmpty();
    }

    @Test
    void aLongQuestionStillPresupposesTheIfAtItsEnd() {
        assertThat(flags("can I still work on my upper back with the foam roller if my calf is swollen and hot"))
                .contains("suspected_dvt");
    }

    @Test
    void aPlaceVisitedIsNotATimeOfLife() {
        assertThat(flags("headache came like thunderclap when I was at gym, worst ever, is it from neck knot?"))
                .contains("headache_red_flags");
        assertThat(flags("had a thunderclap headache when I was at uni, worst ever, fine for years")).isEmpty();
    }

    @Test
    void aClauseTheUserOpensAfterACommaIsNotDenied() {
        assertThat(flags("the waterworks are not behaving, I go and nothing comes"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(flags("no trouble with the waterworks, nothing unusual there")).isEmpty();
    }

    @Test
    void askingWhetherItIsAKnotTellsWhatTheUserFeels() {
        assertThat(flags("is it a knot if the pain came on in a flash and feels like something is tearing inside?"))
                .contains("tearing_pain_aortic");
        assertThat(flags("is it normal to be a bit sore the day after if you've pressed too hard?")).isEmpty();
    }

    @Test
    void aSecondOpinionSureOfMajorTraumaOutweighsTheSlipThatArguesAgainstIt() {
        String fall = "slipped on the boat deck and went down onto a cleat with my whole weight, spine hurts";
        assertThat(detectorWithOpinion("major_trauma", 0.94).detect(fall, false)).extracting(RedFlag::id)
                .contains("major_trauma");
        assertThat(detectorWithOpinion("major_trauma", 0.6).detect(fall, false)).extracting(RedFlag::id)
                .doesNotContain("major_trauma");
    }

    @Test
    void strokedIsReadAsWrittenSoAStrokeIsNotAnIdiom() {
        assertThat(flags("i think im having a stroke my face feels weird")).contains("stroke_signs");
        assertThat(flags("my partner stroked my back and it felt lovely")).isEmpty();
    }

    @Test
    void aHeadacheWithSpeechTroubleOrAFeverIsAHeadacheEmergency() {
        assertThat(DETECTOR.detect("my mum has a bad headache and her words are coming out jumbled", false))
                .contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
        assertThat(DETECTOR.detect("awful headache since lunch and a temp of 39", false))
                .contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
    }

    @Test
    void rarelyAndSameAsEverAnswerAChecklistItem() {
        assertThat(flags("Headaches? Rarely. Vision? Fine. Speech? Same as ever.")).isEmpty();
    }

    @Test
    void aHeadThatIsKillingMeIsAHeadacheThoughKillingMeIsAnIdiom() {
        assertThat(flags("my head is killing me and im getting muddled, just put the milk in the oven"))
                .contains("headache_red_flags");
        assertThat(flags("my back is killing me and this job is killing me too")).isEmpty();
    }

    @Test
    void aTimeInAClauseTellingAnotherEventDatesThatEventOnly() {
        assertThat(flags("my mum is panting and cant finish a sentence, she had her hip replaced last month"))
                .contains("breathing_chest_pe");
        assertThat(flags("my mum had a clot on her lung last year")).isEmpty();
        assertThat(flags("My flatmate had a car accident on Saturday (she's absolutely fine) and I drive her around"))
                .isEmpty();
    }

    @Test
    void aCrushIsASweetheartAndNothingComingOnIsNoBladder() {
        assertThat(flags("my heart skipped a beat when my crush texted lol")).isEmpty();
        assertThat(flags("Nothing comes on when I exert myself, I did the hill walk fine on Sunday.")).isEmpty();
        assertThat(flags("i cannot feel when my bladder is full, i just go by the clock now"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aMouthThatDoesNotWorkWithOneSideGoneDeadIsAStroke() {
        assertThat(flags("everything on left side went dead and my mouth don't work right")).contains("stroke_signs");
    }

    @Test
    void aSuddenUnrealPainInTheHeadIsAHeadacheEmergency() {
        assertThat(DETECTOR.detect("out of nowhere the pain in my head is unreal, I had to sit down on the floor",
                false)).contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
        assertThat(flags("this knot is unreal, out of nowhere it's back")).isEmpty();
    }

    @Test
    void painOnAYawnOrSoreToBreatheIsPainOnBreathing() {
        assertThat(flags("yawning hurts like a stab in my back")).contains("breathing_chest_pe");
        assertThat(flags("I passed out this morning and now it's sore to breathe")).contains("breathing_chest_pe");
        assertThat(flags("I keep yawning, so tired after the night shift")).isEmpty();
    }

    @Test
    void layWordsForFaintnessSciaticaInBothLegsAndCrashes() {
        assertThat(flags("carrying the shopping I came over queer and felt an ache down my left arm"))
                .contains("cardiac_warning_signs");
        assertThat(flags("shooting pains going down both legs at once now")).contains("bladder_bowel_saddle_legs");
        assertThat(flags("someone rammed into us on the motorway last night, now my back")).contains("major_trauma");
        assertThat(flags("wiped out hard on the ski slope, heard a pop in my spine")).contains("major_trauma");
        assertThat(flags("totally wiped out after a day on the ski slope, my traps are tight")).isEmpty();
    }

    @Test
    void aStrokeToldInClinicalShorthandIsAStroke() {
        assertThat(flags("Husband: facial asymmetry and dysarthria, onset 20 mins ago. FAST positive."))
                .contains("stroke_signs");
    }

    @Test
    void aHeadExplodingWithRevisionIsAnIdiomButOneThatExplodedWithPainIsNot() {
        assertThat(flags("my head is exploding with revision")).isEmpty();
        assertThat(DETECTOR.detect("out of nowhere my head exploded with pain 10 min ago", false))
                .contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
        assertThat(DETECTOR.detect("came off my bike and smacked my head yesterday, my head's been thumping since",
                false)).contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
    }

    @Test
    void aQuestionWhoseIfClauseHappenedEarlierStatesIt() {
        assertThat(flags("is the roller ok if my face went a bit droopy earlier and my words came out wrong?"))
                .contains("stroke_signs");
        assertThat(flags("is the roller ok if my face ever goes droopy?")).isEmpty();
    }

    @Test
    void layWordsForABladderOutOfControlAndAWrenchingTear() {
        assertThat(flags("since Monday I seem not to feel when I need the toilet any more"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(flags("something gave way inside with a dreadful wrenching feeling"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void aNegationInsideASymptomsPhraseIsPartOfItAndDeniesNothingAfter() {
        assertThat(flags("half my body feel like it not belong to me started suddenly when i was on the roller"))
                .contains("stroke_signs");
        assertThat(flags("no chest pain, no numbness, just a tight knot")).isEmpty();
    }

    @Test
    void nothingLikeItComparesAndDeniesNothing() {
        assertThat(flags("I've had back trouble for forty years but this is nothing like it: sudden, savage, shearing,"
                + " right through to the front.")).contains("tearing_pain_aortic");
        assertThat(flags("That choir gave me shivers down my spine on Sunday.")).isEmpty();
    }

    @Test
    void someoneElsesCurrentSignsStandBesideTheirPastOperation() {
        assertThat(flags("dad cant get his breath and says his arm hurts")).contains("cardiac_warning_signs");
        assertThat(flags("mums leg has swollen up and gone red, she only had her hip done last week"))
                .contains("suspected_dvt");
    }

    @Test
    void notTellingWhenTheLavatoryIsNeededIsABladderOutOfControl() {
        assertThat(flags("I can't always tell when I need the lavatory; once or twice I've only realised afterwards"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(flags("where is the lavatory in your building, asking for the massage class")).isEmpty();
    }

    @Test
    void aDictatedChecklistAnsweredNoDeniesEachItem() {
        assertThat(flags("question one chest pain answer no question two breathing answer fine question three numbness"
                + " answer no")).isEmpty();
    }

    @Test
    void feelingCrushedIsAMoodButFeelingCrushingInTheChestIsNot() {
        assertThat(flags("since this morning I feel crushing in the middle of my chest"))
                .contains("cardiac_warning_signs");
        assertThat(flags("I feel crushed by all this work, my shoulders are in knots")).isEmpty();
    }

    @Test
    void askingForAdviceOnASupposedCaseSaysNothingHappened() {
        assertThat(flags("can i do the roller if both my legs are going numb")).isNotEmpty();
        assertThat(flags("what should I do if I feel faint during a stretch?")).isEmpty();
        assertThat(flags("what can i do if my hand goes numb on the ball?")).isEmpty();
    }

    @Test
    void aManAnsweringThePregnancyQuestionIsNotPregnant() {
        assertThat(flags("Numbness? None. Fever? Nope. Pregnant? I'm a man.")).isEmpty();
        assertThat(flags("Pregnant? Yes, 12 weeks.")).contains("pregnancy");
    }

    @Test
    void aSignSomeoneElseFindsOnTheUsersBodyIsTheUsers() {
        assertThat(flags("My carer found a lump on my back that she says wasn't there at Christmas."))
                .contains("skin_or_local_lesion");
        assertThat(flags("my carer is pregnant so she can't help me with the ball")).isEmpty();
        assertThat(flags("my best mate is pregnant, I just have knots")).isEmpty();
    }

    @Test
    void anAnswerAfterALabelIsAStatementNotAQuestion() {
        assertThat(flags("Where: upper back. How long: since the crash on Saturday, the car was written off"))
                .contains("major_trauma");
        assertThat(flags("how bad does a car crash have to be before massage is unsafe?")).isEmpty();
    }

    @Test
    void aDenialThatStandsAloneDoesNotReachPastItsComma() {
        assertThat(flags("numbness none, fever none, pregnant no, meds just the apixaban"))
                .containsExactly("anticoagulant_or_bleeding_risk");
        assertThat(flags("I have not: chest pain, fever, numbness")).isEmpty();
    }

    @Test
    void somethingThatNeverHappenedBeforeIsNewNotDenied() {
        assertThat(flags("wet myself, never happened before, and my back is killing me"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void upperBackPainWithLightHeadednessAndNauseaIsCardiac() {
        assertThat(flags("knot under my left shoulder blade plus nausea and lightheaded")).contains(
                "cardiac_warning_signs");
        assertThat(flags("felt a bit sick this morning, knot under my shoulder blade"))
                .doesNotContain("cardiac_warning_signs");
    }

    @Test
    void askingWhetherATechniqueIsOkWithAConditionSaysTheUserHasIt() {
        assertThat(flags("is foam rolling ok with spinal stenosis?")).contains("known_condition_needs_clearance");
        assertThat(flags("is foam rolling safe in general?")).isEmpty();
    }

    @Test
    void aStatementWithItsSubjectDroppedIsNotAQuestion() {
        assertThat(flags("doesnt ease with rest at all")).contains("night_or_constant_pain");
    }

    @Test
    void someoneElseOfMineOrWithAJobFieldIsNotTheUser() {
        assertThat(flags("a mate of mine had a DVT after a long flight")).isEmpty();
        assertThat(flags("I'm a chemo nurse, my shoulders are always tight from leaning over the chairs")).isEmpty();
        assertThat(flags("never been told I have osteoporosis or anything like that")).isEmpty();
    }

    @Test
    void frequentHeadachesAreForADoctor() {
        assertThat(flags("4 or 5 headaches a week along with the knots, is that normal?"))
                .contains("headache_red_flags");
        assertThat(flags("my teenager's music is giving me a headache, but really it's my shoulders")).isEmpty();
    }

    @Test
    void aFigureOfSpeechAndADecadeLongAgoAreNotFlags() {
        assertThat(flags("the hotel bed broke my back, not literally")).isEmpty();
        assertThat(flags("Had a kidney infection once, in my forties.")).isEmpty();
        assertThat(flags("I broke my back falling off the roof this morning")).contains("major_trauma");
    }

    @Test
    void aUserWhoSaysTheQuestionIsForTheirOwnBackKeepsSomeoneElsesMedicineTheirs() {
        assertThat(flags("My husband takes warfarin. I do his back sometimes but this is for mine.")).isEmpty();
        assertThat(flags("My husband takes warfarin, can I massage his back?"))
                .contains("anticoagulant_or_bleeding_risk");
    }

    @Test
    void aSymptomThatHasComeIsStatedEvenAfterIf() {
        assertThat(flags("is it ok to use the ball if my hand's gone numb")).contains("progressive_neuro_deficit");
        assertThat(flags("legs are dead from leg day")).isEmpty();
    }

    @Test
    void sayingYouAreHavingAStrokeIsAnEmergencyAndAMassageStrokeIsNot() {
        assertThat(flags("i think im having a stroke")).contains("stroke_signs");
        assertThat(flags("long stroking movements along the muscle")).isEmpty();
        assertThat(flags("my boss will have a stroke if I miss this deadline")).isEmpty();
    }

    @Test
    void bothLegsParalysedIsAnEmergency() {
        assertThat(flags("my legs are paralysed")).contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aQuestionFollowedBySayingTheUserHasItStatesIt() {
        assertThat(flags("does the roller help chest tightness?")).doesNotContain("cardiac_warning_signs");
        assertThat(flags("does the roller help chest tightness? i have it right now"))
                .contains("cardiac_warning_signs");
        assertThat(flags("can i use the ball if im coughing up blood")).contains("breathing_chest_pe");
    }

    @Test
    void feelingsThingsAndPostureCuesThatBorrowSymptomWordsRaiseNothing() {
        assertThat(flags("honestly this spreadsheet is crushing my soul")).isEmpty();
        assertThat(flags("nearly passed out from boredom waiting for the train")).isEmpty();
        assertThat(flags("sorry, my phone keeps buzzing, where was I")).isEmpty();
        assertThat(flags("stand tall with your chest out, is that right?")).isEmpty();
    }

    @Test
    void aManSayingSoDeniesOnlyThePregnancy() {
        assertThat(flags("crushing pain in my chest, I'm a man.")).contains("cardiac_warning_signs");
        assertThat(flags("pregnant? I'm a man")).isEmpty();
        assertThat(flags("fever - no, pregnancy - no because im a man")).isEmpty();
    }

    @Test
    void aNewBabyOrOneOnTheWayInEverydayWordsIsPregnancy() {
        assertThat(flags("we had our little one three weeks ago and my shoulders are in knots"))
                .contains("pregnancy");
        assertThat(flags("carrying my first and my upper back is so stiff")).contains("pregnancy");
    }

    @Test
    void aQuestionOrSuppositionTheNextSentenceOwnsUpToStatesIt() {
        assertThat(flags("can the peanut ball be used if your face droops on one side? that's been me since lunch"))
                .contains("stroke_signs");
        assertThat(flags("would massage be safe if your bladder stopped working? because mine both stopped, bladder"
                + " and bowels")).contains("bladder_bowel_saddle_legs");
        assertThat(flags("can a knot make both your legs go numb? mine are fine, just curious")).isEmpty();
    }

    @Test
    void aBloodThinnerTakenSinceAnOldOperationIsTakenNow() {
        assertThat(flags("On Eliquis since my valve replacement in 2016.")).contains("anticoagulant_or_bleeding_risk");
    }

    @Test
    void aPressureSoreIsSkinToWorkAround() {
        assertThat(flags("a pressure sore on my back from being in bed")).contains("skin_or_local_lesion");
    }

    @Test
    void aClinicianMarkingEachItemNegativeDeniesThem() {
        assertThat(flags("chest pain -ve, fever -ve")).isEmpty();
        assertThat(flags("chest pain, fever")).isNotEmpty();
    }

    @Test
    void aHeartNotInTheWorkIsNoHeartSymptom() {
        assertThat(flags("my heart's not in work today, my shoulders are too tight")).isEmpty();
        assertThat(flags("my chest is tight")).contains("cardiac_warning_signs");
    }

    @Test
    void shinglesInTheUsersThirtiesIsHistory() {
        assertThat(flags("had shingles in my 30s")).isEmpty();
        assertThat(flags("I have shingles")).contains("visceral_or_shingles_pattern");
    }

    @Test
    void ankylosingSpondylitisWrittenAsCapitalAsIsAConditionButTheWordAsIsNot() {
        assertThat(flags("I have AS")).contains("known_condition_needs_clearance");
        assertThat(flags("as I said, my back is tight")).isEmpty();
        assertThat(flags("MY BACK IS AS TIGHT AS A DRUM")).isEmpty();
    }

    @Test
    void anEmojiIsReadAsTheWordItStandsFor() {
        assertThat(flags("20 wks \uD83E\uDD30")).contains("pregnancy");
        assertThat(flags("20 wks")).doesNotContain("pregnancy");
    }

    @Test
    void notBeingAbleToBreatheForLaughterIsNoEmergency() {
        assertThat(flags("cant breathe \uD83D\uDE02 my cat fell off the sofa")).isEmpty();
        assertThat(flags("cant breathe")).contains("breathing_chest_pe");
    }

    @Test
    void beingScaredDeniesNothingButAScareThatPassedIsOver() {
        assertThat(rulesFlags("numb between my legs, scared")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("had a pregnancy scare last year")).isEmpty();
    }

    @Test
    void crackingUpIsLaughterAndACrackedRibIsAnInjury() {
        assertThat(flags("cracking up at this")).isEmpty();
        assertThat(flags("I cracked a rib yesterday")).isNotEmpty();
    }

    @Test
    void exertionThatDoesNotBringOnBreathlessnessDeniesIt() {
        assertThat(rulesFlags("Walking up the hill doesn't bring on any breathlessness, I'm only stiff.")).isEmpty();
        assertThat(rulesFlags("Walking up the hill brings on breathlessness.")).contains("breathing_chest_pe");
    }

    @Test
    void sinceAnHourIsHappeningNowNotLongAgo() {
        assertThat(rulesFlags("I feel short of breath doing nothing since about an hour")).isNotEmpty();
        assertThat(rulesFlags("had a clot in 2010, nothing since")).isEmpty();
    }

    @Test
    void aTeammatesFractureIsNotTheUsers() {
        assertThat(rulesFlags("my teammate fractured his back last season")).isEmpty();
        assertThat(rulesFlags("I fractured my back last week")).isNotEmpty();
    }

    @Test
    void painNowhereNearTheChestIsNotChestPain() {
        assertThat(rulesFlags("the pain is nowhere near my chest, it's right up by the neck")).isEmpty();
        assertThat(rulesFlags("I have crushing chest pain")).contains("cardiac_warning_signs");
    }

    @Test
    void aReceptionistAtACancerCentreHasNoCancer() {
        assertThat(rulesFlags("i do reception at the cancer centre, sit all day")).isEmpty();
        assertThat(rulesFlags("i have cancer")).contains("cancer_history_or_weight_loss");
    }

    @Test
    void tightPecsAreMuscles() {
        assertThat(rulesFlags("should i work on my chest too, my pecs are tight")).isEmpty();
        assertThat(rulesFlags("I have crushing chest pain")).contains("cardiac_warning_signs");
    }

    @Test
    void aQuestionAnsweredByWhenItCameOnStatesIt() {
        assertThat(rulesFlags("Is a sudden tearing feeling in the back a pulled muscle? It came on ten minutes ago."))
                .contains("tearing_pain_aortic");
    }

    @Test
    void aClinicianShorthandNForNoStillDeniesAndPrimarySchoolIsLongAgo() {
        assertThat(rulesFlags("fever n, weight loss n, night pain n")).isEmpty();
        assertThat(rulesFlags("broke my collarbone at primary school")).isEmpty();
        assertThat(rulesFlags("broke my collarbone yesterday")).isNotEmpty();
    }

    @Test
    void carryingTheShoppingIsNowAndTheFiftiesWereLongAgo() {
        assertThat(rulesFlags("I feel dizzy and sick and my jaw aches, it started when I was carrying the shopping"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("Broke my collarbone falling off a bicycle in the fifties.")).isEmpty();
        assertThat(rulesFlags("I'm 20 weeks pregnant with my first")).contains("pregnancy");
    }

    @Test
    void aClotSomeoneElseHadIsTheirHistoryAndOneTheyHaveIsNow() {
        assertThat(rulesFlags("my mum had a clot in her lung after my sister was born, long before I was around"))
                .isEmpty();
        assertThat(rulesFlags("my dad has a clot on the lung, can I massage his back?"))
                .contains("breathing_chest_pe");
        assertThat(rulesFlags("my wife had a sudden tearing pain in her back just now"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void aChecklistAnswerBelongsToItsOwnItem() {
        assertThat(rulesFlags("Chest pain? No. Thinners? Xarelto. Pregnant? No."))
                .containsExactly("anticoagulant_or_bleeding_risk");
        assertThat(rulesFlags("chest pain? no. numbness? no. pregnant? also no")).isEmpty();
    }

    @Test
    void crashingOnASofaIsSleepingAndACarCrashIsNot() {
        assertThat(rulesFlags("sore from crashing on my mates sofa")).isEmpty();
        assertThat(rulesFlags("my shoulders are a car crash of knots lol")).isEmpty();
        assertThat(rulesFlags("car crash on friday, now my upper back is killing me")).contains("major_trauma");
    }

    @Test
    void beforeTenYearsAndAsASchoolboyAreLongAgo() {
        assertThat(rulesFlags("I had car accident before ten years, after that no problem")).isEmpty();
        assertThat(rulesFlags("I was knocked off my bike as a schoolboy, not a scratch on me since.")).isEmpty();
        assertThat(rulesFlags("I was knocked off my bike yesterday")).contains("major_trauma");
    }

    @Test
    void handsThatHaveNotGoneNumbAreNotNumb() {
        assertThat(rulesFlags("my hands haven't gone numb once since I started this")).isEmpty();
        assertThat(rulesFlags("my hands have gone numb and it's getting worse")).isNotEmpty();
    }

    @Test
    void anAchingBackWithLightHeadednessAndExhaustionIsCardiac() {
        assertThat(rulesFlags("back hurts and im super lightheaded and wiped out for no reason"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void askingWhetherTheBallIsOkStillStatesTheBloodThinner() {
        assertThat(rulesFlags("blood thinner tablets every morning, is ok the ball?"))
                .contains("anticoagulant_or_bleeding_risk");
    }

    @Test
    void aNowThatOpensAClauseEndsWhatTheHistoryDated() {
        assertThat(rulesFlags("Hx TIA 2019, now L facial droop and L arm drift since 0900.")).contains("stroke_signs");
        assertThat(rulesFlags("had a TIA in 2019, all fine since")).isEmpty();
    }

    @Test
    void someoneWhoWasFineAnHourAgoHasJustStarted() {
        assertThat(rulesFlags("The friend I am helping with this is mumbling and cannot lift her right arm, she was"
                + " fine an hour ago.")).contains("stroke_signs");
    }

    @Test
    void aBallThatUsuallySortsItIsNotHistory() {
        assertThat(rulesFlags("the tennis ball usually sorts it, but the last few days when i walk up the hill i get a"
                + " heavy ache between my shoulders and it goes off once i stop")).contains("cardiac_warning_signs");
        assertThat(rulesFlags("paracetamol sorts it")).isEmpty();
    }

    @Test
    void bladderControlLostToldPlainly() {
        assertThat(rulesFlags("I keep leaking and I don't know I'm doing it, never had that before"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("Bowels let go in the night. That has never happened in my 78 years."))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void likeSomeoneIsASimileNotSomeoneElse() {
        assertThat(rulesFlags("ten minutes ago like someone pulling a zip open inside my chest and back at once"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void dictationsKnowForNoAndAMissingArticleStillRead() {
        assertThat(rulesFlags("I have know numbness in my hands just stiff in the morning")).isEmpty();
        assertThat(rulesFlags("the fracture in my wrist was when I was kid, from skateboard")).isEmpty();
        assertThat(rulesFlags("since last night I cannot seem to empty my bladder however long I sit there"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void anApologyIsNotASupposition() {
        assertThat(rulesFlags("sorry if this is werid my tung feels fat and im mixing up wrds and it came on suddenly"))
                .contains("stroke_signs");
        assertThat(rulesFlags("sorry if this comes out garbled the voice typing always mangles my words")).isEmpty();
    }

    @Test
    void aQuestionAnsweredWithMineWasStatesIt() {
        assertThat(rulesFlags("Is massage alright after a car crash? Mine was on Saturday.")).contains("major_trauma");
        assertThat(rulesFlags("Is massage alright after a car crash?")).doesNotContain("major_trauma");
    }

    @Test
    void aFriendWhoseKnotTheUserPressesHasTheirEmergencyRaised() {
        assertThat(rulesFlags("My friend he has sudden pain in back like knife that is moving down, very very strong."
                + " He ask me to press the knot for him")).contains("tearing_pain_aortic");
    }

    @Test
    void whatSomeoneElsesHistoryToldWithItIsHistoryToo() {
        assertThat(rulesFlags("my friend had a clot in his lung after a flight, so I always walk around on planes"))
                .isEmpty();
        assertThat(rulesFlags("my friend just flew in and now he can't breathe and his calf is swollen"))
                .contains("breathing_chest_pe");
    }

    @Test
    void aColleagueWhoBrokeHisBackIsNotTheSubjectOfTheGuidance() {
        assertThat(rulesFlags("my colleague broke his back falling off a ladder last year, scary stuff")).isEmpty();
    }

    @Test
    void notKnowingTheBowelsNeededOpeningIsTheSign() {
        assertThat(rulesFlags("I did not know I needed to open my bowels until it was too late. That is quite new"
                + " for me.")).contains("bladder_bowel_saddle_legs");
    }

    @Test
    void noSweatsIsADenialNotNoSweat() {
        assertThat(rulesFlags("no sweats or chills")).isEmpty();
        assertThat(rulesFlags("had a uti last year, cleared right up")).isEmpty();
        assertThat(rulesFlags("Nothing in the way of rashes or cuts on my back.")).isEmpty();
        assertThat(rulesFlags("I get cold sweats when my chest hurts")).contains("cardiac_warning_signs");
    }

    @Test
    void aFriendsShinglesAcrossHerBackAreHerHistoryAndMumsPuffyLegIsNow() {
        assertThat(rulesFlags("A friend at church had shingles across her back.")).isEmpty();
        assertThat(rulesFlags("mum cant get her breath all of a sudden and one leg is puffy, shes in bed here"))
                .contains("breathing_chest_pe");
    }

    @Test
    void aHeadacheWithWordsTrippedOverIsTheHeadacheEmergency() {
        var found = DETECTOR.detect("my head is splitting and she says I'm tripping over my words", false);
        assertThat(found).contains(new RedFlag("headache_red_flags", Tier.EMERGENCY));
    }

    @Test
    void anElephantSittingOnTheUserIsTheChestSimile() {
        assertThat(rulesFlags("feels like an elephant is sitting on me")).contains("cardiac_warning_signs");
    }

    @Test
    void spendingAPennyWithNothingComingOutIsTheBladderSign() {
        assertThat(rulesFlags("since monday when I spend a penny I can hardly get anything out"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void sittingOnNothingIsASimileOfSaddleNumbnessNotADenial() {
        assertThat(rulesFlags("on the saddle it feels like sitting on nothing, numb between my legs"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void anArmThatSuddenlyWontLiftIsOneSidedWeakness() {
        assertThat(rulesFlags("all of a sudden my left arm won't lift, it just falls back down"))
                .contains("stroke_signs");
    }

    @Test
    void askingWhetherTheirOwnTearingPainIsJustAKnotStatesIt() {
        assertThat(rulesFlags("could it just be a knot if the pain hit like lightning and feels like tearing?"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void fineOneSecondThenUnzippedIsSuddenTearing() {
        assertThat(rulesFlags("one minute i was fine, then it felt like my back was being unzipped"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void jawPainWithUnusualTirednessIsTheCardiacPattern() {
        assertThat(rulesFlags("my jaw aches and I'm so exhausted I can barely stand"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("my jaw aches from grinding my teeth")).doesNotContain("cardiac_warning_signs");
    }

    @Test
    void anAuxiliarysDenialNegatesWhatFollows() {
        assertThat(flags("I haven't fainted or come over funny at all")).isEmpty();
        assertThat(flags("i didnt pass out or anything, the stretch just made me yawn")).isEmpty();
        assertThat(flags("the knot hasn't made my legs weak or anything")).isEmpty();
    }

    @Test
    void notBeingAbleOrNotKnowingIsTheSignNotADenial() {
        assertThat(rulesFlags("I haven't been able to pee since yesterday even though I'm desperate"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("I didn't realise I'd wet myself until I stood up"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(DETECTOR.reading("I haven't changed what I eat and my collarbones stick out"))
                .noneMatch(word -> word.startsWith("neg|"));
    }

    @Test
    void afterADenialItsSaysWhatIsSo() {
        assertThat(rulesFlags("it's not my chest, it's between my shoulder blades and I'm clammy and feel sick"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void aHeadThatJustExplodedIsAHeadache() {
        assertThat(DETECTOR.groundingConcepts("my husband says his head just exploded out of nowhere"))
                .contains("headache", "sudden");
    }

    @Test
    void aFullSwingBlowIsMajorTrauma() {
        assertThat(rulesFlags("my brother hit me with the hockey stick full swing across the back"))
                .contains("major_trauma");
    }

    @Test
    void beingPulledApartInOneSecondIsSuddenTearing() {
        assertThat(rulesFlags("came in one second, like somebody pulling me apart")).contains("tearing_pain_aortic");
    }

    @Test
    void aWeightOrABeltRoundTheChestIsPressure() {
        assertThat(rulesFlags("there's a weight sitting behind my breastbone since this morning"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("it feels like a belt tightening round my chest"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void aCarThatGotHitIsARoadAccident() {
        assertThat(rulesFlags("our car got hit at the junction this morning and now my back hurts"))
                .contains("major_trauma");
    }

    @Test
    void askingWhetherSomethingIsGoodToDoDeniesNothingBeforeIt() {
        assertThat(rulesFlags("my left calf is hot, painful and swollen, it is good to massage it?"))
                .contains("suspected_dvt");
    }

    @Test
    void keepingAnEyeOnSomethingAfterALossIsNotLostSight() {
        assertThat(rulesFlags("my aunt lost weight before her diagnosis so I keep an eye on mine"))
                .doesNotContain("stroke_signs");
        assertThat(rulesFlags("suddenly lost the sight in my left eye")).contains("stroke_signs");
    }

    @Test
    void breathThatRunsShortWhereItNeverDidIsAnEmergency() {
        assertThat(rulesFlags("getting out of breath just getting dressed, that never used to happen"))
                .contains("breathing_chest_pe");
        assertThat(rulesFlags("out of puff from walking to the kitchen and that's new")).contains("breathing_chest_pe");
        assertThat(rulesFlags("out of breath after my usual run, nothing new")).doesNotContain("breathing_chest_pe");
    }

    @Test
    void aTopicReadOrHeardAboutIsNotTheUsers() {
        assertThat(rulesFlags("saw a video about pulmonary embolism, scary stuff, anyway how do I use the ball?"))
                .isEmpty();
        assertThat(rulesFlags("on the first aid course we learned about cauda equina")).isEmpty();
    }

    @Test
    void bladderTroubleToldPlainlyIsAnEmergency() {
        assertThat(rulesFlags("waterworks stopped")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("knickers damp and i didnt notice")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("zero feeling in my nether regions since this morning"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aNumbBottomPutDownToAHardSeatAsksInsteadOfRaising() {
        var rules = new RedFlagDetector(RULES, ENGLISH);
        Screening seat = rules.screen("sitting on a yoga block, bum's gone dead lol", false);
        Screening run = rules.screen("ran a marathon sunday, legs dead, back tight", false);

        assertThat(seat.flags()).isEmpty();
        assertThat(seat.unsure()).as("the clarifying question carries the 999 advice").contains(
                "bladder_bowel_saddle_legs");
        assertThat(run.flags()).isEmpty();
        assertThat(run.unsure()).contains("bladder_bowel_saddle_legs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bum and inner thighs have gone numb and it's not from sitting",
        "numb down there like after a long bike ride",
        "numb bum from the hard chair and it's still numb two days later",
        "sitting on a hard chair, but my bum has been numb since yesterday",
        "numb bum from the hard chair and I wet myself without noticing"})
    void anOrdinaryCauseDeniedLikenedOrOutlastedExplainsNothing(String text) {
        assertThat(rulesFlags(text)).as(text).contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aBeatingWithKicksIsMajorTrauma() {
        assertThat(rulesFlags("got jumped on the way home and they kicked me while I was on the ground"))
                .contains("major_trauma");
        assertThat(rulesFlags("the baby is kicking like mad and my upper back aches")).doesNotContain("major_trauma");
    }

    @Test
    void painBetweenTheShouldersOnWalkingThatRestEasesIsTheCardiacPattern() {
        assertThat(rulesFlags("when I walk to the shops my upper back starts burning and it fades once I stand still"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("my upper back aches, I'm worn out and queasy, never had it like this"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void retentionToldClinicallyAndABowelAccidentInBedAreTheCaudaEquinaSigns() {
        assertThat(rulesFlags("urinary retention since this morning with the back pain"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("soiled the bed last night and my back is killing me"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("wet the bed last night, first time since I was little")).contains(
                "bladder_bowel_saddle_legs");
    }

    @Test
    void aHotThrobbingCalfIsASuspectedClot() {
        assertThat(rulesFlags("my calf is hot and throbbing")).contains("suspected_dvt");
        assertThat(rulesFlags("my calves burn on the stairs")).doesNotContain("suspected_dvt");
        assertThat(rulesFlags("calf raises are part of my warm-up")).doesNotContain("suspected_dvt");
        assertThat(rulesFlags("two weeks after the birth and one calf is red and puffy"))
                .contains("pregnancy_warning_signs");
    }

    @Test
    void painAsFoodGoesDownOrABurningBandOnOneSideIsVisceralOrShingles() {
        assertThat(rulesFlags("it hurts between my shoulder blades when I swallow")).contains(
                "visceral_or_shingles_pattern");
        assertThat(rulesFlags("my heart was in my mouth on the roller")).isEmpty();
        assertThat(rulesFlags("my upper back hurts when I eat hunched over my desk"))
                .doesNotContain("visceral_or_shingles_pattern");
        assertThat(rulesFlags("the ball has a bubble on one side, is it safe?")).isEmpty();
    }

    @Test
    void noMatterAndNeverBeforeSayHowMuchNotThatItIsAbsent() {
        assertThat(rulesFlags("30 weeks pregnant and my head is pounding like never before"))
                .contains("pregnancy_warning_signs");
        assertThat(rulesFlags("it's the same no matter what I do, sitting or lying, it never eases"))
                .contains("night_or_constant_pain");
    }

    @Test
    void aChecklistDeniedAllAtOnceRaisesNothing() {
        assertThat(rulesFlags("fever/chills/sweats: all no")).isEmpty();
    }

    @Test
    void thinkingNothingOfItDoesNotDenyWhatFollows() {
        assertThat(rulesFlags("I thought nothing of it but now both my legs have gone weak"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void notFeelingTheNeedOrABladderThatHasSwitchedOffIsTheBladderSign() {
        assertThat(rulesFlags("I don't feel anymore when I need the loo, it just comes out"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("feels like my bladder has switched off")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my left foot is dragging and now the right one's doing it too"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aHistoryToldOnlyBecauseTheListAsksIsNotCurrentButAnAnswerToItIs() {
        assertThat(rulesFlags("had pneumonia in 2010, only saying because your list asks about infections"))
                .isEmpty();
        assertThat(rulesFlags("you asked about chest pain: yes, I have some right now"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void aBallThatKeepsDroppingIsNotTheUsersHand() {
        assertThat(rulesFlags("the ball keeps dropping when I lean on the wall")).isEmpty();
        assertThat(rulesFlags("I keep dropping my cup and my hand is getting worse")).contains(
                "progressive_neuro_deficit");
    }

    @Test
    void aSuddenPainAfterASmallLiftWithThinBonesIsAFragilityFracture() {
        assertThat(rulesFlags("I have osteoporosis and lifted the kettle and got a sudden pain in my spine"))
                .contains("fragility_fracture");
    }

    @Test
    void peopleTheUserLivesOrDealsWithHaveTheirOwnConditions() {
        assertThat(rulesFlags("our lodger has haemophilia")).isEmpty();
        assertThat(rulesFlags("my sis is pregnant, gonna be an auntie")).isEmpty();
        assertThat(rulesFlags("our lodger collapsed and can't breathe")).contains("breathing_chest_pe");
        assertThat(rulesFlags("I'm a hairdresser and I've lost weight without trying"))
                .as("the user's own job is not someone else").contains("cancer_history_or_weight_loss");
    }

    @Test
    void someoneFightingForBreathWithLipsTurningBlueIsAnEmergency() {
        assertThat(rulesFlags("my dad is struggling to breathe and his lips are going blue"))
                .contains("breathing_chest_pe");
    }

    @Test
    void forNoReasonDoesNotDenyWhatFollows() {
        assertThat(rulesFlags("so tired for no reason, puffed out and my left arm feels heavy"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void stoppingAtEveryLampPostForChestAcheIsTheCardiacPattern() {
        assertThat(rulesFlags("I have to stop at every lamp post on my walk because my chest aches"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void aSuddenSeverePainRightThroughToTheBackIsTheAorticPattern() {
        assertThat(rulesFlags("sudden excruciating pain from my chest right through to my back"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void sleepLostToThePainIsNightPainHoweverItIsTold() {
        assertThat(rulesFlags("I've not slept through in a week because of the ache between my shoulder blades"))
                .contains("night_or_constant_pain");
        assertThat(rulesFlags("I dread bedtime, that is when the back really starts up"))
                .contains("night_or_constant_pain");
        assertThat(rulesFlags("I've not slept through since the baby came, my upper back is just stiff"))
                .doesNotContain("night_or_constant_pain");
    }

    @Test
    void aProgrammeAFormerJobOrAStretchFeltIsNotTheUsersSymptom() {
        assertThat(rulesFlags("watched a programme about blood clots last night, but I feel perfectly well"))
                .isEmpty();
        assertThat(rulesFlags("Retired oncology sister, my shoulders have always been tight")).isEmpty();
        assertThat(rulesFlags("i can feel the stretch in my chest and the front of my shoulder")).isEmpty();
        assertThat(rulesFlags("broke into a cold sweat when i saw my grade lol")).isEmpty();
        assertThat(rulesFlags("a crushing weight in my chest and a cold sweat")).contains("cardiac_warning_signs");
    }

    @Test
    void aBladderThatNoLongerSignalsOrEmptiesIsAnEmergencyHoweverPolitelyTold() {
        assertThat(rulesFlags("since my back went I don't feel it coming out when I go to the loo"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("waterworks not right with me lately, I don't get the signal and can't fully empty"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my bowels have a mind of their own since the back pain started"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("been up and down to the loo all morning, too much tea")).isEmpty();
    }

    @Test
    void bothLegsFailingOrTheSaddleAreaGoingNumbIsAnEmergencyInPlainWords() {
        assertThat(rulesFlags("both my feet keep dragging on the pavement")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my legs went from under me this morning, both of them"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my husband says his willy has gone numb since he hurt his back"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("cant feel nothing round my bum since yesterday")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my legs went from under me when I heard the news, good news though")).isEmpty();
    }

    @Test
    void askingWhetherToMassageIfIHaveASymptomSaysTheUserHasIt() {
        assertThat(rulesFlags("is it ok to use the roller if I have a tight band across my chest"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("is it ok to massage if I have a fever one day")).isEmpty();
    }

    @Test
    void aWordFromTheChecklistAskedAboutOrATickedOffShorthandRaisesNothing() {
        assertThat(rulesFlags("sorry what does saddle numbness mean?")).isEmpty();
        assertThat(rulesFlags("what mean the cauda equina on your list")).isEmpty();
        assertThat(rulesFlags("operations - none. cancer - never had it.")).isEmpty();
        assertThat(rulesFlags("B&B NAD, neuro NAD")).isEmpty();
        assertThat(rulesFlags("sweaty and sick with this ache between my shoulders, never had it like this"))
                .contains("cardiac_warning_signs");
    }

    @Test
    void aBladderThatNoLongerAnnouncesItselfIsAnEmergencyForTheUserOrSomeoneBesideThem() {
        assertThat(rulesFlags("she doesn't know when she needs the commode any more, it started with her back"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("since my back went I can't seem to get my waterworks going"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("I'm no longer able to tell if my bladder is full"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("I mean to say: there is no feeling between my legs since yesterday"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my feet flap on the pavement when I walk, both of them"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aKettleAStrokeOfExasperationOrAChestDeniedIsNotARedFlag() {
        assertThat(rulesFlags("anything quick I can do while the kettle boils?")).isEmpty();
        assertThat(rulesFlags("im having a stroke reading these instructions lol")).isEmpty();
        assertThat(rulesFlags("I wouldn't say there's any tightness in my chest, it's all in the shoulder blade"))
                .isEmpty();
        assertThat(rulesFlags("my hands get chilly on the ball, should I wear gloves?")).isEmpty();
    }

    @Test
    void waterNotPassedOrPassedUnnoticedIsAnEmergencyInEveryRegister() {
        assertThat(rulesFlags("also I haven't passed water since this morning")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("found a wet patch on the chair and hadn't a clue"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("his legs gave out on the stairs, both of them")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("pins and needles in my foot when I cross my legs, goes when I uncross them"))
                .doesNotContain("bladder_bowel_saddle_legs");
    }

    @Test
    void aPastCancerStillCountsWhenTheUserSaysItIsAllClear() {
        assertThat(rulesFlags("had bowel cancer in 2016, all clear since, but my back aches now"))
                .contains("cancer_history_or_weight_loss");
        assertThat(rulesFlags("the scare turned out to be nothing, the biopsy was clear")).isEmpty();
        assertThat(rulesFlags("nearly passed out laughing at the ball rolling away")).isEmpty();
    }

    @Test
    void leaksNotNoticedOrASeatGoneNumbThatStaysAreAnEmergency() {
        assertThat(rulesFlags("btw I keep having small leaks and not noticing")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("the bit I sit on feels numb and it stays that way when I stand"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("wobbly legs after the gym, first session in months")).isEmpty();
        assertThat(rulesFlags("it doesnt keep me up at night")).isEmpty();
    }

    @Test
    void aLowerHalfGoneNumbOrAWeeHardToStartIsAnEmergencyHoweverItIsSpelled() {
        assertThat(rulesFlags("my whole lower half feels numb today")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("finding it hard to have a wii since last night")).contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my late father was incontinent at the end")).isEmpty();
        assertThat(rulesFlags("the nurse said to watch out for numbness between the legs")).isEmpty();
    }

    @Test
    void punctuationSaidAloudToADictatingPhoneEndsAChecklistAnswerAsAMarkWould() {
        assertThat(rulesFlags("chest pain question mark no full stop fever question mark none full stop")).isEmpty();
        assertThat(rulesFlags("Chest Pain Question Mark None Full Stop")).isEmpty();
        assertThat(rulesFlags("chest pain question mark yes full stop crushing right now"))
                .contains("cardiac_warning_signs");
        assertThat(rulesFlags("I'm on war for in full stop is that ok")).contains("anticoagulant_or_bleeding_risk");
    }

    @Test
    void aDenialAskedInAClauseOfItsOwnIsAQuestionNotADenial() {
        assertThat(rulesFlags("no feeling down there when I wipe, is normal?"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("bladder and bowels, all normal.")).isEmpty();
        assertThat(rulesFlags("fevers, sweats, shivers, none of them")).isEmpty();
    }

    @Test
    void waterworksThatStoppedWorkingOrAGaitGoneWrongInBothLegsIsAnEmergency() {
        assertThat(rulesFlags("my waterworks aren't working since I hurt my back"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my legs keep tripping me up and I'm not walking right"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my legs turned to jelly when I saw the bill")).isEmpty();
    }

    @Test
    void severePainInTheBackAndChestAtOnceIsAnAorticEmergency() {
        assertThat(rulesFlags("sudden 10/10 pain in my back and chest at the same time"))
                .contains("tearing_pain_aortic");
    }

    @Test
    void limbsThatFeelLikeSomeoneElsesAreTheUsersOwnStrokeSign() {
        assertThat(rulesFlags("all of a sudden my right arm and leg feel like they're not mine, numb down one side"))
                .contains("stroke_signs");
    }

    @Test
    void aLetterNBetweenWordsIsAndWhileOneStandingAloneAnswersNo() {
        assertThat(rulesFlags("pain in my jaw n left arm n im sweaty n sick")).contains("cardiac_warning_signs");
        assertThat(rulesFlags("chest pain? n. numbness? n")).isEmpty();
        assertThat(rulesFlags("dizzy n | breathless n")).isEmpty();
    }

    @Test
    void waterThatWillNotComeOrLegsThatWillNotHoldTheUserUpIsAnEmergency() {
        assertThat(rulesFlags("the wee just won't come out however long I stand there"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my legs wouldn't hold me when I got out of bed this morning"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("my foot goes tingly when I cross my legs")).doesNotContain("bladder_bowel_saddle_legs");
    }

    @Test
    void numbnessFromLyingOnALimbThatPassesIsNotAWarningSignButNumbnessThatStaysIs() {
        assertThat(rulesFlags("my arm goes numb when I sleep on it, fine once I move")).isEmpty();
        assertThat(rulesFlags("my arm goes numb when I sleep on it and it's still numb now"))
                .contains("progressive_neuro_deficit");
    }

    @Test
    void theSaddleAreaInEverydayWordsOrWaterThatOnlyTricklesIsAnEmergency() {
        assertThat(rulesFlags("my lady bits have gone numb since my back went"))
                .contains("bladder_bowel_saddle_legs");
        assertThat(rulesFlags("only a trickle of wee comes out however long I try"))
                .contains("bladder_bowel_saddle_legs");
    }

    @Test
    void aHarmlessSentenceRepeatedIsNoMoreAlarmingThanOnce() {
        var engine = RealGuide.guide().engine();
        String once = "my upper back is tight and sore. ";

        assertThat(engine.stops(once.repeat(3))).isFalse();
        assertThat(engine.stops(once.repeat(150))).isFalse();
    }
}
