package io.knotwise.channel.slack;

import static io.knotwise.channel.slack.SlackSender.event;
import static io.knotwise.channel.slack.SlackSender.messageEvent;
import static io.knotwise.channel.slack.SlackSender.press;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Input;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack channel over real HTTP on loopback: signed webhooks in, the real guide, and a fake Slack Web API out. */
class SlackChannelTest {

    private static final String SECRET = "test-signing-secret-not-a-real-one";
    private static final String TOKEN = "xoxb-test-token";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSlackApi slackApi;
    private ExecutorService executor;
    private Javalin app;
    private SlackSender slack;

    @BeforeEach
    void start() {
        slackApi = new FakeSlackApi();
        // One worker, as in production: answers are worked out in order, after Slack has been acknowledged.
        executor = Executors.newSingleThreadExecutor();
        var settings = new SlackSettings(SECRET, TOKEN, slackApi.apiBase());
        var conversations = RealGuide.channelsWithOwnStore();
        var channel = new SlackChannel(settings, conversations, new SlackClient(settings), executor,
                Clock.fixed(NOW, ZoneOffset.UTC));
        // The whole app, so errors are mapped as in production (the API maps every channel's errors once).
        app = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        slack = new SlackSender("http://127.0.0.1:" + app.port(), SECRET, NOW.getEpochSecond());
    }

    @AfterEach
    void stop() {
        app.stop();
        executor.shutdownNow();
        slackApi.close();
    }

    @Test
    void urlVerificationIsAnsweredWithTheChallenge() throws Exception {
        // Slack's documented url_verification payload.
        String body = """
                {
                    "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
                    "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                    "type": "url_verification"
                }""";

        HttpResponse<String> response = slack.event(body, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"challenge\": \"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\"}"));
    }

    @Test
    void aForgedOrUnsignedRequestIsRefusedAndNothingIsPosted() throws Exception {
        String body = messageEvent("Ev0FORGED", "hello there", "1700000001.000100");
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String tampered = body.replace("hello there", "hello thera");
        String forged = SlackSender.sign("another-secret", timestamp, body);
        String pressed = press("/next");

        var answers = List.of(
                slack.post("/webhooks/slack/events", body, timestamp, forged, Map.of()),
                slack.post("/webhooks/slack/events", tampered, timestamp, SlackSender.sign(SECRET, timestamp, body),
                        Map.of()),
                slack.post("/webhooks/slack/events", body, null, null, Map.of()),
                slack.post("/webhooks/slack/events", body, timestamp, "v0=not-hex", Map.of()),
                slack.post("/webhooks/slack/interactions", pressed, timestamp,
                        SlackSender.sign("another-secret", timestamp, pressed), Map.of()));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(401);
            JsonNode error = JSON.readTree(answer.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("unauthorized");
            assertThat(error.get("message").asText()).isNotBlank().doesNotContain(SECRET);
        }
        settle();
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefused() throws Exception {
        String body = messageEvent("Ev0STALE", "hello there", "1700000002.000100");
        String sixMinutesAgo = String.valueOf(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());

        HttpResponse<String> response = slack.post("/webhooks/slack/events", body, sixMinutesAgo,
                SlackSender.sign(SECRET, sixMinutesAgo, body), Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        settle();
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aSignedButMalformedPayloadIsABadRequestAndNothingIsPosted() throws Exception {
        var answers = List.of(slack.event("not json", Map.of()), slack.event("[1, 2]", Map.of()),
                slack.interaction("action=none"), slack.interaction("payload=%7Bnot+json"),
                slack.interaction("payload=%7B%zz"), slack.interaction("payload=%"));
        settle();

        assertThat(answers).allMatch(a -> a.statusCode() == 400);
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aMessageIsAnsweredWithOnePostOfTheGreetingAndButtons() throws Exception {
        HttpResponse<String> ack = slack.event(messageEvent("Ev0HELLO", "hello there", "1700000003.000100"),
                Map.of());
        settle();

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(slackApi.calls()).hasSize(1);
        FakeSlackApi.Call call = slackApi.lastCall();
        assertThat(call.path()).isEqualTo("/api/chat.postMessage");
        assertThat(call.headers().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(call.headers().get("Content-Type")).startsWith("application/json");
        JsonNode body = call.body();
        assertThat(body.get("channel").asText()).isEqualTo(SlackSender.CHANNEL);
        String greeting = RealGuide.guide().engine().start(null).messages().get(0).text();
        JsonNode first = body.get("blocks").get(0);
        assertThat(first.get("type").asText()).isEqualTo("section");
        assertThat(first.at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(first.at("/text/text").asText()).isEqualTo(SlackBlocks.escape(greeting));
        assertThat(body.get("text").asText()).startsWith(SlackBlocks.escape(greeting) + "\n\n");

        JsonNode actions = call.blocks("actions").get(0);
        List<QuickReply> offered = RealGuide.channelsWithOwnStore()
                .send("slack", "T0TEAM:C0CHANNEL:U0OTHER", Input.text("hello there")).quickReplies();
        assertThat(offered).isNotEmpty();
        assertThat(actions.get("elements")).hasSize(offered.size());
        ObjectNode expected = JSON.createObjectNode().put("type", "button");
        expected.putObject("text").put("type", "plain_text").put("text", offered.get(0).title());
        expected.put("value", offered.get(0).payload().text()).put("action_id", "kw_0");
        assertThat(actions.get("elements").get(0)).isEqualTo(expected);
    }

    @Test
    void anEventDeliveredTwiceIsAnsweredOnce() throws Exception {
        String body = messageEvent("Ev0TWICE", "hello there", "1700000004.000100");

        HttpResponse<String> first = slack.event(body, Map.of());
        HttpResponse<String> retry = slack.event(body, Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout"));
        settle();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(slackApi.calls()).hasSize(1);
    }

    @Test
    void aMentionAlsoReportedAsAMessageIsAnsweredOnce() throws Exception {
        String ts = "1700000005.000100";
        slack.event(messageEvent("Ev0MSG", "<@U0BOT> hello there", ts), Map.of());
        slack.event(event("Ev0MENTION", "app_mention", "<@U0BOT> hello there", ts), Map.of());
        settle();

        assertThat(slackApi.calls()).hasSize(1);
    }

    @Test
    void botMessagesEditsAndOtherEventsAreAcknowledgedAndIgnored() throws Exception {
        ObjectNode fromBot = (ObjectNode) JSON.readTree(messageEvent("Ev0BOT", "Step 1 of 6", "1700000006.1"));
        ((ObjectNode) fromBot.get("event")).put("bot_id", "B0KNOTWISE");
        ObjectNode edited = (ObjectNode) JSON.readTree(messageEvent("Ev0EDIT", "hello there", "1700000006.2"));
        ((ObjectNode) edited.get("event")).put("subtype", "message_changed");

        var answers = List.of(slack.event(fromBot.toString(), Map.of()), slack.event(edited.toString(), Map.of()),
                slack.event(event("Ev0REACT", "reaction_added", "hello", "1700000006.3"), Map.of()),
                slack.event("{\"type\": \"app_rate_limited\", \"team_id\": \"T0TEAM\"}", Map.of()));
        settle();

        assertThat(answers).allMatch(a -> a.statusCode() == 200);
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aWholeTechniqueIsWalkedThroughByButtonPresses() throws Exception {
        answerUpToTheTechniques("Ev0WALK", "1700000100.");
        assertThat(slackApi.calls()).hasSize(6);
        String technique = button("tennis_ball_wall");
        assertThat(technique).isEqualTo("/request_technique{\"technique\": \"tennis_ball_wall\"}");

        HttpResponse<String> ack = slack.interaction(press(technique));
        settle();
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(slackApi.lastCall().sections()).anyMatch(t -> t.startsWith("Step 1 of 6"));

        for (int step = 2; step <= 6; step++) {
            slack.interaction(press(button("/next")));
            settle();
            String expected = "Step " + step + " of 6";
            assertThat(slackApi.lastCall().sections()).anyMatch(t -> t.startsWith(expected));
        }
        slack.interaction(press(button("/next")));
        settle();

        assertThat(slackApi.calls()).hasSize(13);
        assertThat(slackApi.lastCall().sections()).anyMatch(t -> t.contains("better, about the same, or worse"));
        assertThat(slackApi.calls()).allMatch(c -> c.body().get("channel").asText().equals(SlackSender.CHANNEL));
    }

    @Test
    void aHoldTimedInTheChatEndsWithTimesUp() throws Exception {
        answerUpToTheTechniques("Ev0HOLD", "1700000900.");
        slack.interaction(press(button("tennis_ball_wall")));
        settle();
        for (int step = 2; step <= 4; step++) {
            slack.interaction(press(button("/next")));
            settle();
        }
        assertThat(slackApi.lastCall().sections()).anyMatch(t -> t.startsWith("Step 4 of 6"));

        slack.interaction(press(button("/start_timer")));

        for (int i = 0; i < 100 && slackApi.calls().stream().noneMatch(c -> c.body().toString().contains("Time's up"));
             i++) {
            Thread.sleep(50);
        }
        assertThat(slackApi.calls()).as("a time's up within 5 s")
                .anyMatch(c -> c.body().toString().contains("Time's up"));
    }

    @Test
    void anEventArrivingWhileTheChannelShutsDownGetsA503SoSlackSendsItAgain() throws Exception {
        executor.shutdown();

        HttpResponse<String> answer = slack.event(messageEvent("Ev0LATE", "hello", "1700001000.1"), Map.of());

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("shutting_down");
        assertThat(slackApi.calls()).isEmpty();
    }

    @Test
    void aMessageSharedWithAFileIsStillAnswered() throws Exception {
        ObjectNode shared = (ObjectNode) JSON.readTree(messageEvent("Ev0FILE",
                "crushing chest pain spreading to my left arm right now", "1700001100.1"));
        ((ObjectNode) shared.get("event")).put("subtype", "file_share");

        slack.event(shared.toString(), Map.of());
        settle();

        assertThat(slackApi.calls()).anyMatch(c -> c.sections().stream().anyMatch(t -> t.contains("999")));
    }

    @Test
    void aMentionInASharedChannelIsAnsweredInItsThreadAndADirectMessageInPlace() throws Exception {
        ObjectNode mention = (ObjectNode) JSON.readTree(SlackSender.event("Ev0MENTION", "app_mention",
                "<@U0KNOTWISE> I have crushing chest pain", "1700001200.000100"));
        ((ObjectNode) mention.get("event")).remove("channel_type");

        slack.event(mention.toString(), Map.of());
        settle();

        assertThat(slackApi.calls()).isNotEmpty().allSatisfy(c ->
                assertThat(c.body().path("thread_ts").asText()).isEqualTo("1700001200.000100"));
        int before = slackApi.calls().size();

        slack.event(messageEvent("Ev0DIRECT", "hello", "1700001201.000100"), Map.of());
        settle();

        assertThat(slackApi.calls().subList(before, slackApi.calls().size())).isNotEmpty()
                .allSatisfy(c -> assertThat(c.body().has("thread_ts")).isFalse());
    }

    @Test
    void aButtonPressDeliveredAgainMovesTheWalkOnlyOnce() throws Exception {
        slack.event(messageEvent("Ev0PRESS", "how do I release knots between my shoulder blades", "1700000300.1"),
                Map.of());
        settle();
        int before = slackApi.calls().size();
        String press = press("/next", 4242);

        for (int replay = 0; replay < 4; replay++) {
            assertThat(slack.interaction(press).statusCode()).isEqualTo(200);
        }
        settle();

        assertThat(slackApi.calls()).hasSize(before + 1);
    }

    @Test
    void aPressedMessageIsRedrawnWithoutItsButtonsBeforeTheAnswerIsPosted() throws Exception {
        slack.event(messageEvent("Ev0REDRAW", "how do I release knots between my shoulder blades", "1700000600.1"),
                Map.of());
        settle();
        var posted = slackApi.lastCall();
        int before = slackApi.calls().size();

        slack.interaction(SlackSender.pressIn(button("/next"), posted.body()));
        settle();

        var update = slackApi.calls().get(before);
        assertThat(update.path()).endsWith("/chat.update");
        assertThat(update.body().get("ts").asText()).isEqualTo("1700000500.000200");
        assertThat(update.blocks("actions")).isEmpty();
        assertThat(update.sections()).isEqualTo(posted.sections());
        assertThat(update.blocks("context").get(0).toString()).contains("Chosen");
        assertThat(slackApi.lastCall().path()).endsWith("/chat.postMessage");
    }

    @Test
    void aUserWhoseSlackIsInAmericanEnglishIsToldToCall911AndAskedForOnce() throws Exception {
        slackApi.userLocale("en-US");

        slack.event(messageEvent("Ev0US1", "I have crushing chest pain", "1700000700.1"), Map.of());
        slack.event(messageEvent("Ev0US2", "and my left arm feels heavy", "1700000700.2"), Map.of());
        settle();

        assertThat(slackApi.calls()).anyMatch(c -> c.sections().stream().anyMatch(t -> t.contains("911")))
                .noneMatch(c -> c.sections().stream().anyMatch(t -> t.contains("999")));
        assertThat(slackApi.lookups()).containsExactly(SlackSender.USER);
    }

    @Test
    void aQuestionAsTheFirstMessageInANewChannelShowsTheGreetingOnce() throws Exception {
        slack.event(messageEvent("Ev0HELP", "what can you do?", "1700000400.1"), Map.of());
        settle();

        String posted = String.join("\n", slackApi.lastCall().sections());
        assertThat(posted.split("Hi, I'm Knotwise", -1)).hasSize(2);
    }

    @Test
    void slacksDocumentedEventCallbackIsAnsweredInItsChannel() throws Exception {
        // The Events API's documented outer payload around the documented message event.
        String body = """
                {
                    "token": "XXYYZZ",
                    "team_id": "T123ABC456",
                    "api_app_id": "A123ABC456",
                    "event": {
                        "type": "message",
                        "channel": "C123ABC456",
                        "user": "U123ABC456",
                        "text": "Hello world",
                        "ts": "1355517523.000005"
                    },
                    "type": "event_callback",
                    "authed_users": ["U123ABC456"],
                    "authorizations": [{"enterprise_id": null, "team_id": "T123ABC456", "user_id": "U0BOT",
                        "is_bot": true, "is_enterprise_install": false}],
                    "event_id": "Ev123ABC456",
                    "event_context": "EC123ABC456",
                    "event_time": 1234567890
                }""";

        HttpResponse<String> ack = slack.event(body, Map.of());
        settle();

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(slackApi.calls()).hasSize(1);
        assertThat(slackApi.lastCall().body().get("channel").asText()).isEqualTo("C123ABC456");
    }

    @Test
    void slackRefusingOnePostDoesNotStopTheNextAnswer() throws Exception {
        slackApi.answerNextWith("{\"ok\": false, \"error\": \"channel_not_found\"}");

        slack.event(messageEvent("Ev0REFUSED", "hello there", "1700000007.1"), Map.of());
        slack.event(messageEvent("Ev0AFTER", "about two weeks", "1700000007.2"), Map.of());
        settle();

        assertThat(slackApi.calls()).hasSize(2);
    }

    /** Answers the guide's questions up to its recommendations, in six events whose ids and times start so. */
    private void answerUpToTheTechniques(String eventId, String ts) throws Exception {
        List<String> answers = List.of("how do I release knots between my shoulder blades", "about two weeks",
                "6 out of 10", "I have a tennis ball", "10 minutes", "no, none of those");
        for (int i = 0; i < answers.size(); i++) {
            slack.event(messageEvent(eventId + i, answers.get(i), ts + i), Map.of());
        }
        settle();
    }

    /**
     * Waits, boundedly, until every answer queued so far has been posted. The executor runs tasks in order, and a
     * channel's next answer is queued when the one before it has gone, so each round lets one more of a chain go.
     */
    private void settle() throws Exception {
        for (int round = 0; round < 10; round++) {
            executor.submit(() -> { }).get(30, TimeUnit.SECONDS);
        }
    }

    /** The value of the offered button whose value contains the text; fails when none is offered. */
    private String button(String contains) {
        List<String> values = slackApi.lastCall().buttonValues();
        assertThat(values).as("buttons offered").anyMatch(v -> v.contains(contains));
        return values.stream().filter(v -> v.contains(contains)).findFirst().orElseThrow();
    }
}
