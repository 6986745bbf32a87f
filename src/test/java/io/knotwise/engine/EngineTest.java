package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.Tier;
import io.knotwise.store.MemoryConversationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine over the fixture dialogs, with a lambda classifier instead of a trained model, and no HTTP. */
class EngineTest {

    private static final Guidebook BOOK = Fixtures.dialogs();

    /** Intents by exact text; anything else is out of scope. */
    private static final Map<String, String> INTENTS = Map.ofEntries(
            Map.entry("how do I release knots between my shoulder blades", "request_technique"),
            Map.entry("skip", "next"), Map.entry("next", "next"), Map.entry("none", "deny"),
            Map.entry("I have crushing chest pain", "describe_symptom"),
            Map.entry("show me a technique", "request_technique"),
            Map.entry("I'm on warfarin", "describe_symptom"),
            Map.entry("how often should I do this?", "ask_frequency"),
            Map.entry("I have a tennis ball", "describe_symptom"),
            Map.entry("no, I don't have chest pain, you misunderstood", "deny"),
            Map.entry("yes", "affirm"), Map.entry("no", "deny"), Map.entry("I feel a bit dizzy", "describe_symptom"),
            Map.entry("how hard should I press?", "ask_safety"),
            Map.entry("can I lie on a tennis ball?", "ask_safety"),
            Map.entry("what should I do while I wait for the ambulance?", "out_of_scope"),
            Map.entry("I really don't want to call anyone", "deny"),
            Map.entry("I've had a fever and chills since yesterday", "describe_symptom"));

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private Engine engine(String emergencyNumber) {
        var parser = Fixtures.parser(
                words -> List.of(new IntentScore(INTENTS.getOrDefault(String.join(" ", words).equals("")
                        ? "" : original(words), "out_of_scope"), 0.99)));
        return new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())),
                new MemoryConversationStore(Duration.ofMinutes(30), 1000, ticker), Clock.systemUTC(), emergencyNumber,
                null, EngineEvents.none(), false, Engine.DEFAULT_TRANSCRIPT_CAP);
    }

    private Engine failingOn(String poison) {
        return failingOn(poison, Engine.DEFAULT_TRANSCRIPT_CAP);
    }

    private Engine failingOn(String poison, int transcriptCap) {
        var parser = Fixtures.parser(words -> {
            if (String.join(" ", words).equals(poison)) {
                throw new IllegalStateException("the classifier broke");
            }
            return List.of(new IntentScore("next", 0.99));
        });
        return new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())),
                new MemoryConversationStore(Duration.ofMinutes(30), 1000, ticker), Clock.systemUTC(), null, null,
                EngineEvents.none(), false, transcriptCap);
    }

    private static String original(String[] words) {
        String joined = String.join(" ", words);
        return INTENTS.keySet().stream().filter(k -> String.join(" ", TextNormalizer.words(k))
                .equals(joined)).findFirst().orElse(joined);
    }

    private static Turn say(Engine engine, String id, String text) {
        return engine.handle(id, Input.text(text));
    }

    private static String walkToRecommendation(Engine engine, String locale) {
        String id = engine.start(locale).conversationId();
        assertThat(answerQuestions(engine, id).state().node()).isEqualTo("recommend");
        return id;
    }

    /** Asks for a technique and answers every question, with a tennis ball to hand; returns the recommendation. */
    private static Turn answerQuestions(Engine engine, String id) {
        say(engine, id, "how do I release knots between my shoulder blades");
        say(engine, id, "skip");
        say(engine, id, "skip");
        say(engine, id, "I have a tennis ball");
        say(engine, id, "skip");
        return say(engine, id, "none");
    }

    @Test
    void anEmergencyStopsGuidanceAndStaysStopped() {
        Engine engine = engine(null);
        String id = walkToRecommendation(engine, "en-US");

        Turn alarm = say(engine, id, "I have crushing chest pain");
        Turn after = say(engine, id, "show me a technique");

        assertThat(alarm.messages()).anyMatch(m -> m.kind().equals(Message.ESCALATION) && m.text().contains("911"));
        assertThat(alarm.triage().tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(after.state().node()).isEqualTo("escalation");
        assertThat(after.messages()).noneMatch(m -> m.kind().equals(Message.STEP));
        assertThat(after.triage().tier()).isEqualTo(Tier.EMERGENCY);
    }

    @Test
    void theSameResponseTwiceInARowIsWordedDifferently() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "between my shoulder blades");

        Turn first = engine.handle(id, Input.payload("/next"));
        Turn second = engine.handle(id, Input.payload("/next"));

        assertThat(first.state().node()).isEqualTo("ask_severity");
        assertThat(second.state().node()).isEqualTo("ask_tools");
        assertThat(first.messages().get(0).text()).startsWith("Skipped")
                .isNotEqualTo(second.messages().get(0).text());
        assertThat(second.messages().get(0).text()).startsWith("Skipped");
    }

    @Test
    void noPathThroughTheGraphLeadsBackToATechniqueAfterAnEmergency() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I have crushing chest pain");

        Turn farewell = engine.handle(id, Input.payload("/goodbye"));
        Turn again = engine.handle(id, Input.payload("/request_technique{\"technique\": \"hand_knead\"}"));

        assertThat(farewell.state().node()).isEqualTo("farewell");
        assertThat(again.state().node()).isEqualTo("escalation");
        assertThat(again.messages()).noneMatch(m -> m.kind().equals(Message.STEP));
    }

    @Test
    void stoppingTheChecklistThenNamingATechniqueAsksTheChecklistBeforeStepOne() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        engine.handle(id, Input.payload("/request_technique{\"technique\": \"hand_knead\"}"));
        Turn checklist = engine.handle(id, Input.payload("/stop"));
        assertThat(checklist.state().node()).isEqualTo("anything_else");

        Turn again = engine.handle(id, Input.payload("/request_technique{\"technique\": \"hand_knead\"}"));
        Turn answered = engine.handle(id, Input.payload("/deny"));

        assertThat(again.state().node()).isEqualTo("screening");
        assertThat(again.messages()).noneMatch(m -> m.kind().equals(Message.STEP));
        assertThat(answered.state().technique()).isEqualTo("hand_knead");
        assertThat(answered.state().step()).isEqualTo(1);
    }

    @Test
    void aTechniqueChosenBeforeTheChecklistIsDroppedWhenTheAnswerRulesItOut() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        engine.handle(id, Input.payload("/stop"));
        engine.handle(id, Input.payload("/request_technique{\"technique\": \"ball_hold\"}"));

        Turn answered = engine.handle(id, Input.payload("/affirm{\"checklist\": \"blood_thinners\"}"));

        assertThat(answered.state().node()).isEqualTo("recommend");
        assertThat(answered.messages()).noneMatch(m -> m.kind().equals(Message.STEP));
        assertThat(answered.triage().flags()).containsExactly("bleeding_risk");
    }

    @Test
    void aPayloadCannotMarkTheChecklistAnswered() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();

        assertThatThrownBy(() -> engine.handle(id,
                Input.payload("/request_technique{\"screened\": \"yes\", \"technique\": \"hand_knead\"}")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown entity 'screened'");
        assertThat(engine.find(id).node()).isEqualTo("greeting");
    }

    @Test
    void aUserOnBloodThinnersAskingHowHardToPressIsToldLightPressure() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I'm on warfarin");

        String answer = say(engine, id, "how hard should I press?").messages().get(0).text();

        assertThat(answer).contains("Light pressure only").doesNotContain("6 out of 10");
    }

    @Test
    void aUserOnBloodThinnersAskingToLieOnATennisBallIsToldNo() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I'm on warfarin");

        String answer = say(engine, id, "can I lie on a tennis ball?").messages().get(0).text();

        assertThat(answer).startsWith("No, don't lie on a ball").contains("blood thinners");
    }

    @Test
    void aUserOnBloodThinnersIsNotOfferedBallsOrRollers() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I'm on warfarin");

        Turn tools = engine.handle(id, Input.payload("/describe_symptom{\"body_area\": \"upper_back\","
                + " \"onset\": \"days\", \"severity\": 3}"));

        assertThat(tools.state().node()).isEqualTo("ask_tools");
        assertThat(tools.messages().get(tools.messages().size() - 1).text()).contains("just your hands")
                .doesNotContain("tennis");
        assertThat(tools.quickReplies()).extracting(QuickReply::title).containsExactly("Just my hands", "Skip");
    }

    @Test
    void afterAnEmergencyWaitingForTheAmbulanceAndReluctanceGetPlainSafeAnswers() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I have crushing chest pain");

        Turn waiting = say(engine, id, "what should I do while I wait for the ambulance?");
        Turn reluctant = say(engine, id, "I really don't want to call anyone");

        assertThat(waiting.state().node()).isEqualTo("escalation");
        assertThat(waiting.messages().get(0).text()).contains("follow the operator", "unlock the door",
                "don't drive yourself");
        assertThat(reluctant.messages().get(0).text()).contains("Please call 999 now");
        assertThat(reluctant.triage().tier()).isEqualTo(Tier.EMERGENCY);
    }

    @Test
    void anUrgentCaseIsToldWhoToContactTodayNotToCallTheEmergencyNumberNow() {
        Engine engine = engine(null);
        String gb = engine.start("en-GB").conversationId();
        String us = engine.start("en-US").conversationId();

        Turn britain = say(engine, gb, "I've had a fever and chills since yesterday");
        Turn america = say(engine, us, "I've had a fever and chills since yesterday");
        Turn waiting = say(engine, gb, "what should I do while I wait for the ambulance?");

        assertThat(britain.triage().tier()).isEqualTo(Tier.URGENT);
        assertThat(britain.messages()).extracting(Message::text).anyMatch(t -> t.contains("NHS 111"))
                .noneMatch(t -> t.contains("call 999 now"));
        assertThat(america.messages()).extracting(Message::text).anyMatch(t -> t.contains("urgent care center"))
                .noneMatch(t -> t.contains("call 911 now"));
        assertThat(waiting.messages().get(0).text()).contains("NHS 111").doesNotContain("call 999 now");
    }

    @Test
    void aCorrectionIsConfirmedBeforeGuidanceResumes() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I have crushing chest pain");

        Turn asked = say(engine, id, "no, I don't have chest pain, you misunderstood");
        assertThat(asked.state().node()).isEqualTo("confirm_correction");
        assertThat(asked.triage().tier()).isEqualTo(Tier.EMERGENCY);

        Turn resumed = say(engine, id, "yes");
        assertThat(resumed.triage()).isNull();
        assertThat(resumed.state().node()).isEqualTo("ask_area");
    }

    @Test
    void aCorrectionThatIsNotConfirmedKeepsTheEmergency() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        say(engine, id, "I have crushing chest pain");
        say(engine, id, "no, I don't have chest pain, you misunderstood");

        Turn kept = say(engine, id, "no");

        assertThat(kept.state().node()).isEqualTo("escalation");
        assertThat(kept.triage().tier()).isEqualTo(Tier.EMERGENCY);
    }

    @Test
    void aVagueMentionGetsOneClarifyingQuestion() {
        Engine engine = engine(null);
        String id = walkToRecommendation(engine, "en-GB");

        Turn question = say(engine, id, "I feel a bit dizzy");
        assertThat(question.state().node()).isEqualTo("clarify");
        assertThat(question.triage()).isNull();

        Turn back = say(engine, id, "no");
        assertThat(back.state().node()).isEqualTo("recommend");
        assertThat(back.triage()).isNull();
    }

    @Test
    void anUnclearAnswerToTheClarifyingQuestionTakesTheHigherTier() {
        Engine engine = engine(null);
        String id = walkToRecommendation(engine, "en-GB");
        say(engine, id, "I feel a bit dizzy");

        Turn unsure = say(engine, id, "show me a technique");

        assertThat(unsure.triage().tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(unsure.state().node()).isEqualTo("escalation");
    }

    @Test
    void theClarifyingQuestionAlreadyCarriesTheEmergencyAdviceWithTheLocalNumber() {
        Engine engine = engine(null);
        String id = walkToRecommendation(engine, "en-US");

        Turn question = say(engine, id, "is crushing chest pain always a heart attack?");

        assertThat(question.state().node()).isEqualTo("clarify");
        assertThat(question.triage()).isNull();
        assertThat(question.messages()).anyMatch(m -> m.text().contains("call 911 now"));
        Turn yes = say(engine, id, "yes");
        assertThat(yes.triage().tier()).isEqualTo(Tier.EMERGENCY);
        assertThat(yes.state().node()).isEqualTo("escalation");
    }

    @Test
    void everyRaisedFlagIsAuditedWithoutTheMessageText() {
        var recorded = new CopyOnWriteArrayList<Escalation>();
        var parser = Fixtures.parser(words -> List.of(new IntentScore("describe_symptom", 0.99)));
        Engine engine = new Engine(BOOK, Models.loaded(parser, new RedFlagDetector(BOOK.safety())),
                new MemoryConversationStore(Duration.ofMinutes(30), 1000, ticker), Clock.systemUTC(), null, null,
                recorded::add, false, Engine.DEFAULT_TRANSCRIPT_CAP);
        String id = engine.start("en-GB").conversationId();

        say(engine, id, "I have crushing chest pain");

        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.conversationId()).isEqualTo(id);
            assertThat(e.flags()).contains("chest_pain");
            assertThat(e.tier()).isEqualTo(Tier.EMERGENCY);
            assertThat(e.text()).isNull();
        });
    }

    @Test
    void theEmergencyNumberFollowsTheLocaleUnlessConfigured() {
        Engine configured = engine("000");
        String id = configured.start("en-GB").conversationId();
        assertThat(say(configured, id, "I have crushing chest pain").messages())
                .anyMatch(m -> m.kind().equals(Message.ESCALATION) && m.text().contains("000"));

        Engine byLocale = engine(null);
        String uk = byLocale.start("en-GB").conversationId();
        assertThat(say(byLocale, uk, "I have crushing chest pain").messages())
                .anyMatch(m -> m.text().contains("999"));
    }

    @Test
    void bloodThinnersRuleOutBallTechniquesAndWarnOnEveryStep() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();

        Turn caution = say(engine, id, "I'm on warfarin");
        assertThat(caution.messages()).anyMatch(m -> m.kind().equals(Message.WARNING));
        Turn recommended = answerQuestions(engine, id);

        assertThat(recommended.state().node()).isEqualTo("recommend");
        assertThat(recommended.quickReplies()).isNotEmpty()
                .noneMatch(q -> q.payload().text().contains("ball_hold"));
        Turn walk = engine.handle(id, Input.payload(recommended.quickReplies().get(0).payload().text()));
        assertThat(walk.messages()).anyMatch(m -> m.kind().equals(Message.STEP));
        assertThat(walk.messages()).anyMatch(m -> m.kind().equals(Message.WARNING));
        assertThat(walk.triage().tier()).isEqualTo(Tier.CAUTION);
    }

    @Test
    void aQuestionMidTechniqueIsAnsweredAndTheStepResumes() {
        Engine engine = engine(null);
        String id = walkToRecommendation(engine, "en-GB");
        engine.handle(id, Input.payload("/request_technique{\"technique\": \"ball_hold\"}"));
        say(engine, id, "next");

        Turn answer = say(engine, id, "how often should I do this?");

        assertThat(answer.state().step()).isEqualTo(2);
        assertThat(answer.messages().get(answer.messages().size() - 1).text()).startsWith("Back to step 2 of 3");
    }

    @Test
    void aTurnThatFailsLeavesTheConversationAsItWas() {
        Engine engine = failingOn("boom");
        String id = engine.start("en-GB").conversationId();
        var before = engine.find(id).transcript();

        assertThatThrownBy(() -> say(engine, id, "boom")).isInstanceOf(IllegalStateException.class);

        assertThat(engine.find(id).transcript()).isEqualTo(before);
        assertThat(engine.find(id).node()).isEqualTo("greeting");
    }

    @Test
    void aPayloadEntityOfTheWrongKindIsBadInputAndChangesNothing() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        var before = engine.find(id).transcript();

        for (String payload : List.of("/describe_symptom{\"tool\": 5}", "/describe_symptom{\"body_area\": 7}",
                "/describe_symptom{\"severity\": \"bad\"}", "/describe_symptom{\"duration\": \"long\"}")) {
            assertThatThrownBy(() -> engine.handle(id, Input.payload(payload))).as(payload)
                    .isInstanceOf(BadInputException.class).hasMessageContaining("payload entity");
        }

        assertThat(engine.find(id).transcript()).isEqualTo(before);
        assertThat(engine.handle(id, Input.payload("/describe_symptom{\"severity\": 5}")).state()).isNotNull();
    }

    @Test
    void concurrentMessagesToOneConversationAreTakenOneAtATime() throws Exception {
        Engine engine = failingOn("never", 10_000); // keeps every entry, to count each message
        String id = engine.start("en-GB").conversationId();
        int threads = 8;
        int each = 25;
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var done = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        say(engine, id, "next");
                    }
                }));
            }
            for (var future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long userLines = engine.find(id).transcript().stream().filter(e -> e.from().equals("user")).count();
        assertThat(userLines).isEqualTo(threads * each);
    }

    @Test
    void anIdleConversationExpires() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());

        assertThatThrownBy(() -> say(engine, id, "next")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDeletedConversationIsUnknown() {
        Engine engine = engine(null);
        String id = engine.start("en-GB").conversationId();
        engine.delete(id);

        assertThatThrownBy(() -> engine.find(id)).isInstanceOf(NotFoundException.class);
    }
}
