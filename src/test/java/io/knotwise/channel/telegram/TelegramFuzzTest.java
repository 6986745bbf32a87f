package io.knotwise.channel.telegram;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the Telegram webhook in the real app over loopback, against a fake Bot API: any update, signed or not, gets
 * a contract answer (never a 5xx or a leak), and working on it afterwards logs no error. Started once.
 */
class TelegramFuzzTest {

    private static final String SECRET = "s3cret-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of("1", "42", "9007199254740993", "-5", "0");
    /** Fresh update and chat ids, so each input is processed (not taken for a retry) in a new conversation. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);
    private static final List<String> TEXTS = List.of("/start", "hi", "next", "how do I release knots between my"
            + " shoulder blades", "I have crushing chest pain", " ", "");
    private static final List<String> DATA = List.of("/next", "/deny", "/describe_symptom{\"tool\":\"tennis_ball\"}",
            "/request_technique{\"technique\":\"tennis_ball_wall\"}", "#0123456789abcdef", "next", "/");

    private static Javalin botApi;
    private static Javalin app;
    private static HttpClient http;
    private static URI webhook;
    private static LoggedErrors errors;

    @BeforeAll
    static void start() {
        botApi = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/bot{token}/{method}", ctx -> ctx.contentType("application/json").result("{\"ok\":true}"));
        }).start("127.0.0.1", 0);
        var settings = new TelegramSettings("123:abc", SECRET, "http://127.0.0.1:" + botApi.port());
        var channel = new TelegramChannel(settings, RealGuide.channelsWithOwnStore(),
                new TelegramClient(settings), new DirectExecutor());
        app = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        webhook = URI.create("http://127.0.0.1:" + app.port() + "/webhooks/telegram");
        errors = LoggedErrors.capture();
    }

    @AfterAll
    static void stop() {
        errors.close();
        app.stop();
        botApi.stop();
    }

    @FuzzTest(maxDuration = "2m")
    void anyUpdateGetsAContractAnswerAndLogsNoError(FuzzedDataProvider data) throws Exception {
        errors.take();
        int secret = data.consumeInt(0, 9);
        String contentType = FuzzedJson.from(data).contentType();
        String body = data.consumeBoolean() ? update(data) : data.consumeRemainingAsString();
        var request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (secret > 1) {
            request.header("X-Telegram-Bot-Api-Secret-Token", SECRET);
        } else if (secret == 1) {
            request.header("X-Telegram-Bot-Api-Secret-Token", SECRET + "x");
        }

        var response = LoopbackOnly.call(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofString()));

        ContractAnswer.check(response, body);
        assertThat(errors.take()).as("errors logged working on %s", body).isEmpty();
    }

    /** A message or a button press shaped as the Bot API sends them, with fuzzed fields. */
    private static String update(FuzzedDataProvider data) {
        var fields = FuzzedJson.from(data);
        ObjectNode update = JSON.createObjectNode();
        freshOrFuzzed(update, "update_id", data);
        ObjectNode chat = JSON.createObjectNode();
        freshOrFuzzed(chat, "id", data);
        fields.put(chat, "type", List.of("private", "group"));
        if (data.consumeBoolean()) {
            ObjectNode message = update.putObject("message");
            fields.put(message, "message_id", IDS).put(message, "text", TEXTS);
            message.set("chat", chat);
        } else {
            ObjectNode query = update.putObject("callback_query");
            fields.put(query, "id", IDS).put(query, "data", DATA);
            query.putObject("message").set("chat", chat);
        }
        return update.toString();
    }

    private static void freshOrFuzzed(ObjectNode object, String field, FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            object.put(field, NEXT_ID.incrementAndGet());
        } else {
            FuzzedJson.from(data).put(object, field, IDS);
        }
    }
}
