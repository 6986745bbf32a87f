package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.channel.ContractAnswer;
import io.knotwise.channel.DirectExecutor;
import io.knotwise.channel.FuzzedJson;
import io.knotwise.channel.LoggedErrors;
import io.knotwise.channel.LoopbackOnly;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the Slack webhooks (events and interactions) in the real app over loopback, signed as Slack signs them,
 * against a fake Slack Web API: any body gets a contract answer (never a 5xx or a leak), and answering it afterwards
 * logs no error. Started once.
 */
class SlackFuzzTest {

    private static final String SECRET = "test-signing-secret-not-a-real-one";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of(SlackSender.TEAM, SlackSender.CHANNEL, SlackSender.USER, "U1",
            "", " ");
    private static final List<String> TYPES = List.of("event_callback", "url_verification", "app_rate_limited");
    private static final List<String> EVENT_TYPES = List.of("message", "app_mention", "reaction_added");
    private static final List<String> TEXTS = List.of("hi", "next", "<@U0BOT> next", "&lt;3 &amp; more",
            "how do I release knots between my shoulder blades", "I have crushing chest pain", "<@U0BOT>");
    private static final List<String> VALUES = List.of("/next", "/deny", "/describe_symptom{\"tool\":\"tennis_ball\"}",
            "/request_technique{\"technique\":\"tennis_ball_wall\"}", "next", "/", "/unknown_intent");
    /** Fresh event ids and timestamps, so each input is answered (not taken for a retry). */
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);

    private static FakeSlackApi slackApi;
    private static Javalin app;
    private static SlackSender slack;
    private static LoggedErrors errors;

    @BeforeAll
    static void start() {
        slackApi = new FakeSlackApi();
        var settings = new SlackSettings(SECRET, "xoxb-test-token", slackApi.apiBase());
        var channel = new SlackChannel(settings, RealGuide.channelsWithOwnStore(),
                new SlackClient(settings), new DirectExecutor(), Clock.fixed(NOW, ZoneOffset.UTC));
        app = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        slack = new SlackSender("http://127.0.0.1:" + app.port(), SECRET, NOW.getEpochSecond());
        errors = LoggedErrors.capture();
    }

    @AfterAll
    static void stop() {
        errors.close();
        app.stop();
        slackApi.close();
    }

    @FuzzTest(maxDuration = "2m")
    void anyEventGetsAContractAnswerAndLogsNoError(FuzzedDataProvider data) throws Exception {
        errors.take();
        boolean signed = data.consumeInt(0, 9) > 0;
        String body = data.consumeBoolean() ? event(data) : data.consumeRemainingAsString();

        HttpResponse<String> response = LoopbackOnly.call(() -> signed ? slack.event(body, Map.of())
                : slack.post("/webhooks/slack/events", body, String.valueOf(NOW.getEpochSecond()), "v0=00", Map.of()));

        ContractAnswer.check(response, body);
        assertThat(errors.take()).as("errors logged answering %s", body).isEmpty();
    }

    @FuzzTest(maxDuration = "2m")
    void anyInteractionGetsAContractAnswerAndLogsNoError(FuzzedDataProvider data) throws Exception {
        errors.take();
        String body = data.consumeBoolean() ? "payload=" + URLEncoder.encode(interaction(data), UTF_8)
                : data.consumeRemainingAsString();

        HttpResponse<String> response = LoopbackOnly.call(() -> slack.interaction(body));

        ContractAnswer.check(response, body);
        assertThat(errors.take()).as("errors logged answering %s", body).isEmpty();
    }

    /** An Events API callback around a message event, with fuzzed fields. */
    private static String event(FuzzedDataProvider data) {
        var fields = FuzzedJson.from(data);
        ObjectNode callback = JSON.createObjectNode();
        fields.put(callback, "type", TYPES).put(callback, "team_id", IDS).put(callback, "challenge", IDS);
        callback.put("event_id", "Ev" + NEXT_ID.incrementAndGet());
        ObjectNode event = callback.putObject("event");
        fields.put(event, "type", EVENT_TYPES).put(event, "channel", IDS).put(event, "user", IDS)
                .put(event, "text", TEXTS);
        event.put("ts", NEXT_ID.incrementAndGet() + ".000100");
        if (data.consumeInt(0, 7) == 0) {
            fields.put(event, data.consumeBoolean() ? "bot_id" : "subtype", IDS);
        }
        return callback.toString();
    }

    /** A {@code block_actions} payload for a pressed button, with fuzzed fields. */
    private static String interaction(FuzzedDataProvider data) {
        var fields = FuzzedJson.from(data);
        ObjectNode payload = JSON.createObjectNode();
        fields.put(payload, "type", List.of("block_actions", "view_submission"));
        fields.put(payload.putObject("user"), "id", IDS);
        fields.put(payload.putObject("team"), "id", IDS);
        fields.put(payload.putObject("channel"), "id", IDS);
        fields.put(payload.putArray("actions").addObject(), "value", VALUES);
        return payload.toString();
    }
}
