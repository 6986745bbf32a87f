package io.knotwise.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The widget's decisions ({@code web/widget/state.js}) run alone in GraalJS, with no page, storage, speech or clock:
 * plain data in, plain data out. Each test gets a context of its own (its own globals), so none sees what another
 * defined; the class shares only the engine, which keeps the parsed part. The browser tests check the same behaviour
 * through the whole widget in Chromium; these say which rule decides it, and take a few seconds with no browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetStateTest {

    private static final String STATE = "/web/widget/state.js";

    /** A turn on step 4 of 6 of the tennis ball, with a 10-second hold, a note after it and the walk's buttons. */
    private static final String STEP_FOUR = """
            ({ conversation_id: 'c1',
               state: { node: 'walk', technique: 'tennis_ball_wall', step: 4, total_steps: 6 },
               messages: [
                 { kind: 'step', text: 'Step 4 of 6: Lean into the ball and hold.', hold_seconds: 10,
                   step: { number: 4, total: 6, instruction: 'Lean into the ball and hold.', hold_seconds: 10,
                           body_areas: [{ id: 'shoulder_blade', name: 'your shoulder blade' }] } },
                 { kind: 'warning', text: 'Keep the ball off your spine.' }],
               quick_replies: [{ title: 'Next step', payload: '/next' }, { title: 'Start timer',
                                 payload: '/start_timer' }] })""";

    /** Runs JavaScript interpreted only (a stock JDK has no Graal compiler): quietly, as that is all these need. */
    private final Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();

    /** Strict, as in the served script; on the first line, so errors name the file's own line numbers. */
    private final Source state = Source.newBuilder("js", "'use strict'; " + statePart(), "state.js").buildLiteral();

    private Context js;

    WidgetStateTest() throws IOException {
    }

    @BeforeEach
    void loadTheStatePartAlone() {
        js = Context.newBuilder("js").engine(engine).build();
        js.eval(state);
    }

    @AfterEach
    void closeTheContext() {
        js.close();
    }

    @AfterAll
    void closeTheEngine() {
        engine.close();
    }

    // ------------------------------------------------------------------ the banner

    @Test
    void anEmergencysAdviceIsShownOnceInTheBannerAndNotAlsoAsABubble() {
        Value turn = run("""
                const turn = turnChanges({ conversation_id: 'c1',
                  triage: { tier: 'emergency', headline: 'Stop and get help now', emergency_number: '999' },
                  messages: [{ kind: 'escalation', text: 'Stop now and call 999.' }],
                  quick_replies: [{ title: 'Start over', payload: '/restart' }] });
                turn""");

        assertThat(turn.getMember("bubbles").getArraySize()).isZero();
        assertThat(turn.getMember("escalation").asString()).isEqualTo("Stop now and call 999.");
        Value banner = bannerAfter("null", "turn.triage", "'Stop now and call 999.'");
        assertThat(banner.getMember("tone").asString()).isEqualTo("danger");
        assertThat(banner.getMember("lead").asString()).isEqualTo("Stop and get help now");
        assertThat(banner.getMember("text").asString()).isEqualTo("Stop now and call 999.");
        assertThat(banner.getMember("call").getMember("href").asString()).isEqualTo("tel:999");
        assertThat(banner.getMember("call").getMember("label").asString()).isEqualTo("Call 999");
    }

    @Test
    void theBannerOnlyEverGetsMoreSeriousAndKeepsTheWholeAdvice() {
        run("let banner = nextBanner(null, { tier: 'see_doctor', headline: 'Please see a doctor' }, undefined)");
        assertThat(run("bannerView(banner).tone").asString()).isEqualTo("amber");
        assertThat(run("bannerView(banner).lead").asString()).isEqualTo("Please see a doctor");

        run("banner = nextBanner(banner, { tier: 'emergency', headline: 'Get help now', emergency_number: '112' },"
                + " 'Call 112 now.')");
        run("banner = nextBanner(banner, { tier: 'caution', headline: 'Carrying on' }, undefined)");
        run("banner = nextBanner(banner, null, undefined)");

        assertThat(run("banner.rank").asInt()).isEqualTo(4);
        assertThat(run("bannerView(banner).tone").asString()).isEqualTo("danger");
        assertThat(run("banner.text").asString()).isEqualTo("Call 112 now.");
        assertThat(run("bannerView(banner).call.href").asString()).isEqualTo("tel:112");
        assertThat(run("bannerView(banner).lead").asString()).as("the highest tier's headline")
                .isEqualTo("Get help now");
    }

    @Test
    void aCautionAloneShowsNoBanner() {
        assertThat(run("nextBanner(null, { tier: 'caution' }, undefined)").isNull()).isTrue();
        assertThat(run("nextBanner(null, undefined, undefined)").isNull()).isTrue();
    }

    @Test
    void anEscalationWithoutAKnownTierIsShownAsUrgentBetterTooRedThanTooCalm() {
        Value banner = bannerAfter("null", "{}", "'Please get checked today.'");

        assertThat(banner.getMember("tone").asString()).isEqualTo("danger");
        assertThat(banner.getMember("lead").asString()).as("no headline came, and the widget writes none").isEmpty();
        assertThat(banner.getMember("call").isNull()).as("no number came with the triage").isTrue();
    }

    @Test
    void theNumberToCallComesWithAnUrgentTriageNeverFromTheAdvicesText() {
        Value urgent = bannerAfter("null", "{ tier: 'urgent', emergency_number: '+1 (911)' }",
                "'Call 999 or your doctor.'");
        Value seeDoctor = bannerAfter("null", "{ tier: 'see_doctor', emergency_number: '999' }", "undefined");

        assertThat(urgent.getMember("call").getMember("href").asString()).isEqualTo("tel:+1911");
        assertThat(urgent.getMember("call").getMember("label").asString()).isEqualTo("Call +1 (911)");
        assertThat(seeDoctor.getMember("call").isNull()).isTrue();
    }

    // ------------------------------------------------------------------ turns

    @Test
    void whileATechniqueIsWalkedTheStepIsOnTheCardNotInTheChatAndTheCardsTimerReplacesStartTimer() {
        Value walking = run("turnChanges(" + STEP_FOUR + ")");
        Value talking = run("turnChanges(Object.assign(" + STEP_FOUR + ", { state: { node: 'ask' } }))");

        assertThat(members(walking.getMember("bubbles"), "kind")).containsExactly("warning");
        assertThat(members(walking.getMember("quickReplies"), "title")).containsExactly("Next step");
        assertThat(members(talking.getMember("bubbles"), "kind")).containsExactly("step", "warning");
        assertThat(members(talking.getMember("quickReplies"), "payload")).containsExactly("/next", "/start_timer");
    }

    @Test
    void aTurnAnnouncesAndReadsAloudEachNewGuideMessageWithNotesMarked() {
        Value turn = run("turnChanges(" + STEP_FOUR + ")");

        assertThat(strings(turn.getMember("announced")))
                .containsExactly("Step 4 of 6: Lean into the ball and hold.", "Note: Keep the ball off your spine.");
        assertThat(strings(turn.getMember("spoken")))
                .containsExactly("Step 4 of 6: Lean into the ball and hold.", "Keep the ball off your spine.");
    }

    @Test
    void aReloadShowsTheHistoryAndPutsTheLatestStepOnTheCardWithTheHoldTheLastTurnGave() {
        run("const turn = " + STEP_FOUR);
        Value chat = run("""
                restoredChat({ conversation_id: 'c1', state: turn.state, triage: null,
                  transcript: [
                    { from: 'user', kind: 'text', text: 'knots in my upper back', at: '2025-05-01T10:00:00Z' },
                    { from: 'guide', kind: 'step', text: 'Step 3 of 6: Roll slowly.' },
                    { from: 'guide', kind: 'warning', text: 'Breathe out as you lean.' },
                    { from: 'user', kind: 'quick_reply', text: 'Next step' },
                    { from: 'guide', kind: 'step', text: turn.messages[0].text },
                    { from: 'guide', kind: 'warning', text: turn.messages[1].text }],
                  last_turn: turn })""");

        assertThat(members(chat.getMember("bubbles"), "from")).containsExactly("user", "guide", "user", "guide");
        assertThat(chat.getMember("bubbles").getArrayElement(0).getMember("at").asString())
                .isEqualTo("2025-05-01T10:00:00Z");
        Value card = chat.getMember("stepMessages");
        assertThat(members(card, "text")).containsExactly("Step 4 of 6: Lean into the ball and hold.",
                "Keep the ball off your spine.");
        assertThat(card.getArrayElement(0).getMember("hold_seconds").asInt()).isEqualTo(10);
        assertThat(members(chat.getMember("quickReplies"), "title")).containsExactly("Next step");
    }

    @Test
    void aRequestThatFailedStillShowsTheAdviceForARedFlagItCarries() {
        Value advice = run("""
                adviceInFailure({ error: { code: 'store_unavailable' }, triage: { tier: 'emergency',
                  emergency_number: '999' }, messages: [{ kind: 'text', text: 'I am worried by what you said.' },
                  { kind: 'escalation', text: 'Call 999 now.' }] })""");

        assertThat(members(advice.getMember("bubbles"), "text")).containsExactly("I am worried by what you said.");
        assertThat(advice.getMember("escalation").asString()).isEqualTo("Call 999 now.");
        assertThat(run("adviceInFailure({ error: { code: 'store_unavailable' } })").isNull()).isTrue();
        assertThat(run("adviceInFailure(null)").isNull()).isTrue();
    }

    @Test
    void aFailureIsDescribedCalmlyWithTheServersWordsOnlyForBadInput() {
        assertThat(run("describeFailure({ status: 400, message: 'text is too long' })").asString())
                .isEqualTo("text is too long");
        assertThat(run("describeFailure({ status: 404, message: 'no such conversation' })").asString())
                .isEqualTo("Couldn't reach Knotwise. Try again.");
        assertThat(run("describeFailure({ status: 503, message: 'store unavailable' })").asString())
                .isEqualTo("Couldn't reach Knotwise. Try again.");
        assertThat(run("describeFailure(null)").asString()).isEqualTo("Couldn't reach Knotwise. Try again.");
    }

    // ------------------------------------------------------------------ the step card

    @Test
    void aNewStepStartsAFreshCardAndAnotherTurnOnTheSameStepAddsEachNoteOnce() {
        run("const walk = walkFor(null, { technique: 'tennis_ball_wall', step: 4, total_steps: 6 })");
        run("Object.assign(walk, readStepMessages(walk, (" + STEP_FOUR + ").messages, false).step)");

        Value same = run("walkFor(walk, { technique: 'tennis_ball_wall', step: 4, total_steps: 6 }) === walk");
        Value again = run("readStepMessages(walk, [{ kind: 'warning', text: 'Keep the ball off your spine.' },"
                + " { kind: 'warning', text: 'Stop if it tingles.' }], false).step");
        Value next = run("walkFor(walk, { technique: 'tennis_ball_wall', step: 5, total_steps: 6 })");

        assertThat(same.asBoolean()).isTrue();
        assertThat(strings(again.getMember("notes")))
                .containsExactly("Keep the ball off your spine.", "Stop if it tingles.");
        assertThat(again.getMember("text").asString()).isEqualTo("Lean into the ball and hold.");
        assertThat(next.getMember("key").asString()).isEqualTo("tennis_ball_wall#5");
        assertThat(next.getMember("text").isNull()).isTrue();
        assertThat(next.getMember("notes").getArraySize()).isZero();
    }

    @Test
    void theCardShowsTheStepsOwnInstructionItsProgressAndItsBodyAreas() {
        run("const walk = walkFor(null, { technique: 'tennis_ball_wall', step: 4, total_steps: 6 })");
        run("Object.assign(walk, readStepMessages(walk, (" + STEP_FOUR + ").messages, false).step)");
        run("walk.meta = { name: 'Tennis ball against the wall', targets: ['rhomboids', 'middle trapezius'] }");

        Value card = run("stepCardView(walk)");
        Value map = run("bodyMapView(stepCardView(walk).areas)");

        assertThat(card.getMember("title").asString()).isEqualTo("Tennis ball against the wall");
        assertThat(card.getMember("count").asString()).isEqualTo("Step 4 of 6");
        assertThat(card.getMember("progress").asDouble()).isCloseTo(66.67, within(0.01));
        assertThat(card.getMember("text").asString()).isEqualTo("Lean into the ball and hold.");
        assertThat(card.getMember("targets").asString()).isEqualTo("Targets: rhomboids, middle trapezius");
        assertThat(card.getMember("notes").asString()).isEqualTo("Keep the ball off your spine.");
        assertThat(map.invokeMember("lit", "shoulder_blade").asBoolean()).isTrue();
        assertThat(map.invokeMember("lit", "neck_base").asBoolean()).isFalse();
        assertThat(map.getMember("label").asString()).isEqualTo(
                "Upper back seen from behind. Highlighted: your shoulder blade. Spine: never press here.");
    }

    @Test
    void aStepRestoredWithoutItsDataTakesItsTextTitleAndHoldFromTheTechnique() {
        run("const walk = walkFor(null, { technique: 'foam_roller', step: 2, total_steps: 3 })");
        run("Object.assign(walk, readStepMessages(walk, [{ kind: 'step', text: 'Step 2 of 3: Roll.' }], true).step)");

        run("walk.meta = { steps: [{ text: 'Lie on the roller.' }, { text: 'Roll up and down.', hold_seconds: 30 }],"
                + " body_areas: ['upper_back'] }");

        assertThat(run("walk.hold === undefined").asBoolean()).as("left for the technique to say").isTrue();
        assertThat(run("techniqueHold(walk.meta, walk.step)").asInt()).isEqualTo(30);
        assertThat(run("stepCardView(walk).title").asString()).isEqualTo("Foam roller");
        assertThat(run("stepCardView(walk).text").asString()).isEqualTo("Roll up and down.");
        assertThat(run("bodyMapView(stepCardView(walk).areas).lit('neck_base')").asBoolean())
                .as("the whole upper back lights every region").isTrue();
        assertThat(run("readStepMessages(walk, [{ kind: 'step', text: 'Roll.' }], false).step.hold === null")
                .asBoolean()).as("a step of a live turn without a hold has none").isTrue();
    }

    @Test
    void timeMeStartsTheHoldAtOnceWhileAStepsHoldWaitsForStartAndARunningTimerIsLeftAlone() {
        Value timeMe = run("timerPlan(10, 10, { running: false, totalMs: 10000 })");
        Value step = run("timerPlan(10, null, { running: false, totalMs: 0 })");
        Value running = run("timerPlan(10, null, { running: true, totalMs: 10000 })");
        Value none = run("timerPlan(null, null, { running: false, totalMs: 0 })");

        assertThat(timeMe.getMember("start").asInt()).isEqualTo(10);
        assertThat(step.getMember("shown").asBoolean()).isTrue();
        assertThat(step.getMember("start").isNull()).isTrue();
        assertThat(step.getMember("set").asInt()).isEqualTo(10);
        assertThat(running.getMember("shown").asBoolean()).isTrue();
        assertThat(running.getMember("set").isNull()).isTrue();
        assertThat(none.getMember("shown").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------ the hold timer

    @Test
    void theTimeLeftComesFromTheDeadlineAndTheClockAndIsShownInWholeSecondsRoundedUp() {
        assertThat(run("timeLeftMs(1000000 + 8000, 1000000 + 2500)").asInt()).isEqualTo(5500);
        assertThat(run("timeLeftMs(1000000, 1000000 + 2500)").asInt()).isZero();
        assertThat(run("formatSeconds(5.5)").asString()).isEqualTo("0:06");
        assertThat(run("formatSeconds(65)").asString()).isEqualTo("1:05");
        assertThat(run("formatSeconds(-1)").asString()).isEqualTo("0:00");
    }

    @Test
    void aHoldIsCountedDownAloudAtTenAndFiveSecondsAndAtZeroEachOnce() {
        // Ticks four times a second from 12 s down to 0, as the page's timer shows them.
        Value said = run("""
                const said = [];
                let spoken = null;
                for (let ms = 12000; ms >= 0; ms -= 250) {
                  const cue = countdownCue(ms / 1000, spoken);
                  spoken = cue.second;
                  if (cue.say) { said.push(cue.say); }
                }
                said""");

        assertThat(strings(said)).containsExactly("Ten seconds.", "Five.", "Time's up. Say next when you're ready.");
    }

    @Test
    void aRunningHoldIsRestoredWithTheTimeLeftAfterAReload() {
        // Started at t = 1,000,000 ms for 10 s; the page reloads 3 s later.
        run("const saved = timerToSave('tennis_ball_wall#4', { running: true, totalMs: 10000, remainingMs: 10000,"
                + " deadline: 1000000 + 10000 })");

        Value restored = run("timerToRestore(saved, 'tennis_ball_wall#4', 1000000 + 3000)");

        assertThat(restored.getMember("running").asBoolean()).isTrue();
        assertThat(restored.getMember("remainingMs").asInt()).isEqualTo(7000);
        assertThat(restored.getMember("totalMs").asInt()).isEqualTo(10000);
        assertThat(restored.getMember("timesUp").asBoolean()).isFalse();
    }

    @Test
    void aPausedHoldIsRestoredWithTheTimeItHadAndStaysPaused() {
        run("const saved = timerToSave('tennis_ball_wall#4', { running: false, totalMs: 10000, remainingMs: 4200,"
                + " deadline: 1000000 })");

        Value restored = run("timerToRestore(saved, 'tennis_ball_wall#4', 9000000)");

        assertThat(restored.getMember("running").asBoolean()).isFalse();
        assertThat(restored.getMember("remainingMs").asInt()).isEqualTo(4200);
    }

    @Test
    void aHoldThatEndedDuringTheReloadIsRestoredAsTimesUp() {
        run("const saved = timerToSave('tennis_ball_wall#4', { running: true, totalMs: 10000, remainingMs: 10000,"
                + " deadline: 1000000 + 10000 })");

        Value restored = run("timerToRestore(saved, 'tennis_ball_wall#4', 1000000 + 60000)");

        assertThat(restored.getMember("timesUp").asBoolean()).isTrue();
        assertThat(restored.getMember("running").asBoolean()).isFalse();
        assertThat(restored.getMember("remainingMs").asInt()).isZero();
    }

    @Test
    void anotherStepsUnsetOrUnreadableTimerIsNotRestored() {
        run("const saved = timerToSave('tennis_ball_wall#4', { running: true, totalMs: 10000, deadline: 1010000 })");

        assertThat(run("timerToRestore(saved, 'tennis_ball_wall#5', 1003000)").isNull()).isTrue();
        assertThat(run("timerToRestore(timerToSave('tennis_ball_wall#4', { running: false, totalMs: 0,"
                + " remainingMs: 0 }), 'tennis_ball_wall#4', 1003000)").isNull()).isTrue();
        assertThat(run("timerToRestore('{not json', 'tennis_ball_wall#4', 1003000)").isNull()).isTrue();
        assertThat(run("timerToRestore(null, 'tennis_ball_wall#4', 1003000)").isNull()).isTrue();
    }

    @Test
    void aRunningHoldIsKeptAsItsDeadlineSoItsTicksDoNotChangeWhatIsSaved() {
        Value early = run("timerToSave('k', { running: true, totalMs: 10000, remainingMs: 9750, deadline: 1010000 })");
        Value late = run("timerToSave('k', { running: true, totalMs: 10000, remainingMs: 2250, deadline: 1010000 })");

        assertThat(early.asString()).isEqualTo(late.asString());
    }

    @Test
    void eachServerKeepsItsOwnConversationOpenPanelAndTimer() {
        Value keys = run("storageKeys('https://guide.example')");

        assertThat(keys.getMember("conversation").asString()).isEqualTo("knotwise:conversation:https://guide.example");
        assertThat(keys.getMember("open").asString()).isEqualTo("knotwise:conversation:https://guide.example:open");
        assertThat(keys.getMember("timer").asString()).isEqualTo("knotwise:conversation:https://guide.example:timer");
    }

    // ------------------------------------------------------------------ hands-free

    @Test
    void everythingSaidIsSentAsTypedAndOnlyAPauseAlsoPausesTheTimerAtOnce() {
        for (String pause : List.of("pause", "  Pause please", "hold on", "wait a second")) {
            assertThat(run("pausesTheTimer(" + quoted(pause) + ")").asBoolean()).as(pause).isTrue();
        }
        for (String other : List.of("next", "back", "repeat", "stop", "waiting makes it worse", "can you pause",
                "I have crushing chest pain")) {
            assertThat(run("pausesTheTimer(" + quoted(other) + ")").asBoolean()).as(other).isFalse();
        }
    }

    @Test
    void onlyFinalNonEmptyTranscriptsFromTheResultIndexOnAreHeard() {
        Value heard = run("""
                const result = (transcript, isFinal) => Object.assign([{ transcript }], { isFinal });
                finalTranscripts({ resultIndex: 1, results: [result('back', true), result(' next ', true),
                  result('nex', false), result('   ', true), result('I feel dizzy', undefined)] })""");

        assertThat(strings(heard)).containsExactly("next", "I feel dizzy");
    }

    // ------------------------------------------------------------------ formatting

    @Test
    void onlyALanguageTagTheServerAcceptsIsSent() {
        assertThat(run("plainLanguageTag('en-GB')").asString()).isEqualTo("en-GB");
        assertThat(run("plainLanguageTag('en_GB')").isNull()).isTrue();
        assertThat(run("plainLanguageTag('')").isNull()).isTrue();
        assertThat(run("plainLanguageTag(undefined)").isNull()).isTrue();
    }

    // ------------------------------------------------------------------ the part itself

    @Test
    void theStatePartTouchesNoPageStorageSpeechTimerOrClock() throws IOException {
        String code = statePart().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher browser = Pattern.compile("\\b(document|window|globalThis|self|localStorage|sessionStorage|navigator"
                + "|location|speechSynthesis|SpeechSynthesisUtterance|SpeechRecognition|webkitSpeechRecognition"
                + "|AudioContext|fetch|setTimeout|setInterval|requestAnimationFrame|Date|performance|customElements"
                + "|HTMLElement)\\b").matcher(code);
        var found = new ArrayList<String>();
        while (browser.find()) {
            found.add(browser.group());
        }

        assertThat(found).isEmpty();
    }

    private Value run(String code) {
        return js.eval("js", code);
    }

    private Value bannerAfter(String banner, String triage, String escalation) {
        return run("bannerView(nextBanner(" + banner + ", " + triage + ", " + escalation + "))");
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "\\'") + "'";
    }

    private static List<String> strings(Value array) {
        var list = new ArrayList<String>();
        for (long i = 0; i < array.getArraySize(); i++) {
            Value item = array.getArrayElement(i);
            list.add(item.isNull() ? null : item.asString());
        }
        return list;
    }

    /** The string {@code member} of each object in {@code array}. */
    private static List<String> members(Value array, String member) {
        var list = new ArrayList<String>();
        for (long i = 0; i < array.getArraySize(); i++) {
            Value item = array.getArrayElement(i).getMember(member);
            list.add(item.isNull() ? null : item.asString());
        }
        return list;
    }

    private static String statePart() throws IOException {
        try (InputStream in = WidgetStateTest.class.getResourceAsStream(STATE)) {
            assertThat(in).as(STATE + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
