package io.knotwise.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.channel.DirectExecutor;
import io.knotwise.channel.Notices;
import io.knotwise.channel.Outbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Telegram webhook over real HTTP on loopback, against a fake Bot API that records what it receives. */
class TelegramChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-token";
    private static final long CHAT = 9_007_199_254_740_993L;

    /** A request the fake Bot API received. */
    private record Call(String method, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin botApi;
    private Javalin guide;

    @BeforeEach
    void start() {
        botApi = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/bot{token}/{method}", ctx -> {
                calls.add(new Call(ctx.pathParam("method"), JSON.readTree(ctx.body())));
                ctx.json(JSON.createObjectNode().put("ok", true));
            });
        }).start("127.0.0.1", 0);
        var settings = new TelegramSettings("123:abc", SECRET, "http://127.0.0.1:" + botApi.port());
        var channel = new TelegramChannel(settings, RealGuide.channelsWithOwnStore(),
                new TelegramClient(settings), new DirectExecutor());
        // The whole app, so errors are mapped as in production (the API maps every channel's errors once).
        guide = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        guide.stop();
        botApi.stop();
    }

    private int post(String secret, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guide.port() + "/webhooks/telegram"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String text(long update, String text) {
        return "{\"update_id\":" + update + ",\"message\":{\"message_id\":1,\"date\":1700000000,"
                + "\"from\":{\"id\":" + CHAT + ",\"is_bot\":false,\"first_name\":\"Sam\"},"
                + "\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\",\"first_name\":\"Sam\"},\"text\":\""
                + text + "\"}}";
    }

    private static String press(long update, String data) throws Exception {
        return "{\"update_id\":" + update + ",\"callback_query\":{\"id\":\"cb" + update + "\",\"from\":{\"id\":"
                + CHAT + ",\"is_bot\":false,\"first_name\":\"Sam\"},\"message\":{\"message_id\":7,\"date\":1700000000,"
                + "\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\"},\"text\":\"...\"},\"chat_instance\":\"42\","
                + "\"data\":" + JSON.writeValueAsString(data) + "}}";
    }

    private List<Call> sent() {
        return calls.stream().filter(c -> c.method().equals("sendMessage")).toList();
    }

    private JsonNode lastKeyboard() {
        List<Call> sent = sent();
        return sent.get(sent.size() - 1).body().path("reply_markup").path("inline_keyboard");
    }

    @Test
    void aWrongOrMissingSecretIsRejectedAndNothingIsProcessed() throws Exception {
        assertThat(post("wrong", text(1, "hi"))).isEqualTo(401);
        assertThat(post(null, text(2, "hi"))).isEqualTo(401);
        assertThat(calls).isEmpty();
    }

    @Test
    void aTextMessageIsAnsweredWithSendMessageAndAnInlineKeyboard() throws Exception {
        assertThat(post(SECRET, text(10, "/start"))).isEqualTo(200);

        assertThat(sent()).isNotEmpty();
        JsonNode first = sent().get(0).body();
        assertThat(first.get("chat_id").asLong()).isEqualTo(CHAT);
        assertThat(first.get("text").asText()).contains("Knotwise");
        JsonNode button = lastKeyboard().get(0).get(0);
        assertThat(button.get("text").asText()).isEqualTo("Knots between my shoulder blades");
        assertThat(button.get("callback_data").asText())
                .isEqualTo("/describe_symptom{\"body_area\":\"between_shoulder_blades\"}");
        lastKeyboard().forEach(row -> row.forEach(b ->
                assertThat(b.get("callback_data").asText().getBytes(StandardCharsets.UTF_8))
                        .hasSizeLessThanOrEqualTo(64)));
    }

    @Test
    void aRepeatedUpdateIsProcessedOnce() throws Exception {
        post(SECRET, text(20, "/start"));
        int after = calls.size();

        post(SECRET, text(20, "/start"));

        assertThat(calls).hasSize(after);
    }

    @Test
    void aWholeTechniqueIsWalkedThroughByButtonPresses() throws Exception {
        post(SECRET, text(30, "how do I release knots between my shoulder blades"));
        long update = 31;
        for (String payload : List.of("/next", "/next", "/describe_symptom{\"tool\":\"tennis_ball\"}", "/next", "/deny",
                "/request_technique{\"technique\":\"tennis_ball_wall\"}")) {
            post(SECRET, press(update++, payload));
        }
        assertThat(sent().get(sent().size() - 1).body().get("text").asText()).startsWith("Step 1 of 6");
        for (int step = 2; step <= 6; step++) {
            post(SECRET, press(update++, "/next"));
            int n = step;
            assertThat(sent()).anyMatch(c -> c.body().get("text").asText().startsWith("Step " + n + " of 6"));
        }
        post(SECRET, press(update++, "/next"));

        assertThat(sent().get(sent().size() - 1).body().get("text").asText())
                .contains("better, about the same, or worse");
        assertThat(calls.stream().filter(c -> c.method().equals("answerCallbackQuery")).count()).isEqualTo(update - 31);
    }

    @Test
    void aHoldTimedInTheChatEndsWithTimesUpAfterTheStepsReply() throws Exception {
        post(SECRET, text(60, "how do I release knots between my shoulder blades"));
        long update = 61;
        for (String payload : List.of("/next", "/next", "/describe_symptom{\"tool\":\"tennis_ball\"}", "/next",
                "/deny", "/request_technique{\"technique\":\"tennis_ball_wall\"}", "/next", "/next", "/next")) {
            post(SECRET, press(update++, payload));
        }
        assertThat(sent().get(sent().size() - 1).body().get("text").asText()).startsWith("Step 4 of 6");

        post(SECRET, press(update, "/start_timer"));

        await(() -> sent().stream().anyMatch(c -> c.body().get("text").asText().startsWith("Time's up")));
        List<String> texts = sent().stream().map(c -> c.body().get("text").asText()).toList();
        assertThat(indexOf(texts, "Timer started")).isBetween(0, indexOf(texts, "Time's up"));
    }

    @Test
    void twoQuickPressesOfNextAreAnsweredInTheOrderOfTheirStepsEvenWhenTheFirstReplyIsSlow() throws Exception {
        var texts = new CopyOnWriteArrayList<String>();
        Javalin slowApi = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/bot{token}/{method}", ctx -> {
                String text = JSON.readTree(ctx.body()).path("text").asText("");
                if (text.startsWith("Step 2 of 6")) {
                    Thread.sleep(300); // Telegram taking its time over the first of two replies
                }
                if (ctx.pathParam("method").equals("sendMessage")) {
                    texts.add(text);
                }
                ctx.json(JSON.createObjectNode().put("ok", true));
            });
        }).start("127.0.0.1", 0);
        var pool = Executors.newFixedThreadPool(4);
        var settings = new TelegramSettings("123:abc", SECRET, "http://127.0.0.1:" + slowApi.port());
        var channel = new TelegramChannel(settings, RealGuide.channelsWithOwnStore(), new TelegramClient(settings),
                pool);
        Javalin app = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        try {
            String url = "http://127.0.0.1:" + app.port() + "/webhooks/telegram";
            send(url, text(90, "how do I release knots between my shoulder blades"));
            long update = 91;
            for (String payload : List.of("/next", "/next", "/describe_symptom{\"tool\":\"tennis_ball\"}", "/next",
                    "/deny", "/request_technique{\"technique\":\"tennis_ball_wall\"}")) {
                send(url, press(update++, payload));
            }
            await(() -> texts.stream().anyMatch(t -> t.startsWith("Step 1 of 6")));

            String one = press(200, "/next");
            String another = press(201, "/next");
            var first = CompletableFuture.runAsync(() -> send(url, one));
            var second = CompletableFuture.runAsync(() -> send(url, another));
            CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
            await(() -> texts.stream().anyMatch(t -> t.startsWith("Step 3 of 6")));

            int two = indexOf(texts, "Step 2 of 6");
            int three = indexOf(texts, "Step 3 of 6");
            assertThat(two).as("Step 2 was sent").isNotNegative();
            assertThat(two).as("Step 2 before Step 3 in %s", texts).isLessThan(three);
        } finally {
            app.stop();
            pool.shutdownNow();
            slowApi.stop();
        }
    }

    private void send(String url, String body) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as("waited 5 s").isTrue();
    }

    private static int indexOf(List<String> texts, String prefix) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aButtonPressWithoutAQueryIdIsAnsweredWithoutAcknowledgingIt() throws Exception {
        post(SECRET, text(50, "/start"));
        calls.clear();
        String withoutId = press(51, "/next").replace("\"id\":\"cb51\",", "");

        assertThat(post(SECRET, withoutId)).isEqualTo(200);

        assertThat(sent()).isNotEmpty();
        assertThat(calls).noneMatch(c -> c.method().equals("answerCallbackQuery"));
    }

    @Test
    void malformedUpdatesAreAcknowledgedAndSentToNobody() throws Exception {
        String pressWithoutChat = press(52, "/next").replace("\"chat\":{\"id\":" + CHAT + ",\"type\":\"private\"},",
                "");
        String messageWithoutChat = text(53, "hello").replace("\"chat\":{\"id\":" + CHAT
                + ",\"type\":\"private\",\"first_name\":\"Sam\"},", "");

        assertThat(post(SECRET, pressWithoutChat)).isEqualTo(200);
        assertThat(post(SECRET, messageWithoutChat)).isEqualTo(200);
        assertThat(post(SECRET, "{\"update_id\": 54}")).isEqualTo(200);

        assertThat(calls).isEmpty();
    }

    @Test
    void theWebhookIsRegisteredWithTheSecretToken() {
        var settings = new TelegramSettings("123:abc", SECRET, "http://127.0.0.1:" + botApi.port());
        new TelegramChannel(settings, null, new TelegramClient(settings), null)
                .registerWebhook("https://guide.example/webhooks/telegram");

        Call call = calls.get(calls.size() - 1);
        assertThat(call.method()).isEqualTo("setWebhook");
        assertThat(call.body().get("url").asText()).isEqualTo("https://guide.example/webhooks/telegram");
        assertThat(call.body().get("secret_token").asText()).isEqualTo(SECRET);
    }

    @Test
    void aRedFlagOnTelegramEscalatesLikeEverywhereElse() throws Exception {
        post(SECRET, text(40, "I have crushing chest pain"));

        assertThat(sent()).anyMatch(c -> c.body().get("text").asText().contains("999"));
    }

    @Test
    void aDeepLinkAndACommandAddressedToTheBotBothStartAgain() throws Exception {
        post(SECRET, text(50, "/start campaign42"));
        int afterDeepLink = sent().size();
        post(SECRET, text(51, "/start@KnotwiseBot"));

        assertThat(sent().get(0).body().get("text").asText()).contains("Knotwise");
        assertThat(sent().get(afterDeepLink).body().get("text").asText()).contains("Knotwise");
        assertThat(sent()).noneMatch(c -> c.body().get("text").asText().contains("didn't catch"));
    }

    @Test
    void aPhotoWithoutTextIsAnsweredWithWhatTheGuideCanTake() throws Exception {
        post(SECRET, "{\"update_id\":60,\"message\":{\"message_id\":2,\"date\":1700000000,\"chat\":{\"id\":"
                + CHAT + ",\"type\":\"private\"},\"photo\":[{\"file_id\":\"AgAD\",\"width\":90,\"height\":90}]}}");

        assertThat(sent()).singleElement().satisfies(c ->
                assertThat(c.body().get("text").asText()).isEqualTo(Notices.NOT_TEXT));
    }

    @Test
    void aUserWhoseTelegramIsInAmericanEnglishIsToldToCall911() throws Exception {
        post(SECRET, "{\"update_id\":70,\"message\":{\"message_id\":3,\"date\":1700000000,\"from\":{\"id\":"
                + CHAT + ",\"is_bot\":false,\"first_name\":\"Sam\",\"language_code\":\"en-US\"},\"chat\":{\"id\":"
                + CHAT + ",\"type\":\"private\"},\"text\":\"I have crushing chest pain\"}}");

        assertThat(sent()).anyMatch(c -> c.body().get("text").asText().contains("911"))
                .noneMatch(c -> c.body().get("text").asText().contains("999"));
    }

    @Test
    void anOverlongMessageIsNotTakenButItsRedFlagIsStillAnswered() throws Exception {
        post(SECRET, text(80, "I have crushing chest pain " + "and so on ".repeat(120)));

        assertThat(sent()).anyMatch(c -> c.body().get("text").asText().contains("999"));
        assertThat(sent().get(sent().size() - 1).body().get("text").asText()).contains("1000 characters");
    }

    @Test
    void aTextLongerThanTelegramsLimitIsSplitAtASpaceAndNothingIsLost() {
        String text = "word ".repeat(2000).strip();

        List<String> parts = Outbox.split(text, TelegramChannel.MAX_MESSAGE_LENGTH);

        assertThat(parts).hasSize(3).allMatch(p -> p.length() <= TelegramChannel.MAX_MESSAGE_LENGTH)
                .allMatch(p -> p.startsWith("word") && p.endsWith("word"));
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }
}
