package io.knotwise.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.knotwise.Guide;
import io.knotwise.RealGuide;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.rasa.RasaRestChannel;
import io.knotwise.channel.slack.SlackChannel;
import io.knotwise.channel.slack.SlackClient;
import io.knotwise.channel.slack.SlackSettings;
import io.knotwise.channel.telegram.TelegramChannel;
import io.knotwise.channel.telegram.TelegramClient;
import io.knotwise.channel.telegram.TelegramSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An emergency told while the store is down (redis-server killed, or frozen with SIGSTOP) on every channel at once:
 * the web API, the Rasa REST channel, Telegram and Slack, over real HTTP, with a fake platform recording what the
 * guide sends. Each gives the advice at once; Telegram and Slack are told to deliver again (5xx); once Redis is back,
 * the redelivered message, or on the web API and the Rasa REST channel the next one, finds the conversation
 * escalated.
 */
class ChannelOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMERGENCY = "I have crushing chest pain";
    private static final String TELEGRAM_SECRET = "outage-secret";
    private static final String SLACK_SECRET = "outage-signing-secret";
    private static final long CHAT = 4242L;

    /** How the store goes away. */
    enum Outage { KILLED, FROZEN }

    /** What the fake platform received: Telegram sendMessage texts and Slack chat.postMessage texts. */
    private record Sent(String platform, String text) {
    }

    @TempDir
    Path folder;
    private RedisServer redis;
    private RedisConversationStore store;
    private Javalin platform;
    private Javalin guide;
    private ExecutorService work;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() {
        redis = RedisServer.start(folder);
        // The default timeout: a shorter one made a busy machine's slow answer look like an outage before the
        // test pulled the plug.
        store = new RedisConversationStore(redis.uri(), Duration.ofMinutes(30), Duration.ofSeconds(1));
        platform = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/bot{token}/{method}", ctx -> {
                if (ctx.pathParam("method").equals("sendMessage")) {
                    sent.add(new Sent("telegram", JSON.readTree(ctx.body()).path("text").asText()));
                }
                ctx.json(Map.of("ok", true));
            });
            c.routes.post("/api/{method}", ctx -> {
                JsonNode body = JSON.readTree(ctx.body());
                sent.add(new Sent("slack", body.path("text").asText() + " " + body.path("blocks")));
                ctx.contentType("application/json").result("{\"ok\": true, \"ts\": \"1700000000.000100\"}");
            });
        }).start("127.0.0.1", 0);
        String platformBase = "http://127.0.0.1:" + platform.port();
        var engine = RealGuide.guide().engine().withStore(store);
        var wiring = new Guide(RealGuide.guide().book(), engine, store,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of());
        var settings = RealGuide.settings();
        var conversations = new ChannelConversations(engine, store, "en-GB");
        work = Executors.newSingleThreadExecutor();
        var telegram = new TelegramSettings("123:abc", TELEGRAM_SECRET, platformBase);
        var slack = new SlackSettings(SLACK_SECRET, "xoxb-outage", platformBase + "/api");
        guide = wiring.app(settings, List.of(
                new RasaRestChannel(conversations)::routes,
                new TelegramChannel(telegram, conversations, new TelegramClient(telegram), work)::routes,
                new SlackChannel(slack, conversations, new SlackClient(slack), work, Clock.systemUTC())::routes))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (redis == null) {
            return; // no Redis on this machine: the test was skipped before anything started
        }
        guide.stop();
        platform.stop();
        work.shutdownNow();
        redis.resume();
        store.close();
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(Outage.class)
    void anEmergencyIsAnsweredOnEveryChannelDuringAnOutageAndKeptForWhenTheStoreIsBack(Outage outage)
            throws Exception {
        String web = post("/api/v1/conversations", "{}", Map.of()).body().path("conversation_id").asText();
        assertThat(post("/api/v1/conversations/" + web + "/messages", "{\"text\": \"hi\"}", Map.of()).status())
                .isEqualTo(200);
        assertThat(rasa("hi").status()).isEqualTo(200);
        assertThat(telegram(1, "hi").status()).isEqualTo(200);
        assertThat(slack("Ev1", "hi", Map.of()).status()).isEqualTo(200);
        awaitSent(s -> s.platform().equals("slack"));
        sent.clear();

        if (outage == Outage.KILLED) {
            redis.kill();
        } else {
            redis.pause();
        }
        Answer webDown = post("/api/v1/conversations/" + web + "/messages", "{\"text\": \"" + EMERGENCY + "\"}",
                Map.of());
        Answer rasaDown = rasa(EMERGENCY);
        Answer telegramDown = telegram(2, EMERGENCY);
        Answer slackDown = slack("Ev2", EMERGENCY, Map.of());

        assertThat(webDown.status()).isEqualTo(503);
        assertThat(webDown.body().at("/messages/0/text").asText()).contains("call 999 now");
        assertThat(rasaDown.status()).isEqualTo(200);
        assertThat(rasaDown.body().get(0).path("text").asText()).contains("call 999 now");
        assertThat(telegramDown.status()).isEqualTo(503);
        assertThat(slackDown.status()).isEqualTo(503);
        awaitSent(s -> s.platform().equals("telegram") && s.text().contains("call 999 now"));
        awaitSent(s -> s.platform().equals("slack") && s.text().contains("call 999 now"));

        if (outage == Outage.KILLED) {
            redis.startAgain();
        } else {
            redis.resume();
        }
        awaitReady();
        sent.clear();
        assertThat(telegram(2, EMERGENCY).status()).isEqualTo(200);
        assertThat(slack("Ev2", EMERGENCY, Map.of("X-Slack-Retry-Num", "1")).status()).isEqualTo(200);
        awaitSent(s -> s.platform().equals("telegram") && s.text().contains("call 999 now"));
        awaitSent(s -> s.platform().equals("slack") && s.text().contains("call 999 now"));
        sent.clear();

        Answer webAfter = post("/api/v1/conversations/" + web + "/messages",
                "{\"text\": \"show me a technique\"}", Map.of());
        Answer rasaAfter = rasa("show me a technique");
        assertThat(telegram(3, "show me a technique").status()).isEqualTo(200);
        assertThat(slack("Ev3", "show me a technique", Map.of()).status()).isEqualTo(200);

        assertThat(webAfter.body().at("/triage/tier").asText()).isEqualTo("emergency");
        assertThat(webAfter.body().at("/messages/0/text").asText()).contains("stopped all massage guidance");
        assertThat(rasaAfter.body().get(0).path("text").asText()).contains("stopped all massage guidance");
        awaitSent(s -> s.platform().equals("telegram") && s.text().contains("stopped all massage guidance"));
        awaitSent(s -> s.platform().equals("slack") && s.text().contains("stopped all massage guidance"));
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer rasa(String text) throws Exception {
        return post("/webhooks/rest/webhook", JSON.writeValueAsString(Map.of("sender", "rasa-user",
                "message", text)), Map.of());
    }

    private Answer telegram(long update, String text) throws Exception {
        String body = JSON.writeValueAsString(Map.of("update_id", update, "message", Map.of("message_id", update,
                "date", 1_700_000_000, "chat", Map.of("id", CHAT, "type", "private"), "text", text)));
        return post("/webhooks/telegram", body, Map.of("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET));
    }

    private Answer slack(String eventId, String text, Map<String, String> headers) throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "event_callback", "team_id", "T1", "event_id", eventId,
                "event", Map.of("type", "message", "channel", "D1", "user", "U1", "text", text,
                        "ts", "1700000000." + eventId.substring(2), "channel_type", "im")));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SLACK_SECRET.getBytes(UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                .getBytes(UTF_8)));
        var all = new HashMap<>(headers);
        all.put("X-Slack-Request-Timestamp", timestamp);
        all.put("X-Slack-Signature", signature);
        return post("/webhooks/slack/events", body, all);
    }

    private Answer post(String path, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guide.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private void awaitSent(Predicate<Sent> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (sent.stream().noneMatch(wanted) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(sent).as("what the platform was sent").anyMatch(wanted);
    }

    /** Lettuce reconnects on its own schedule after a restart. */
    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!store.ready() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(store.ready()).isTrue();
    }
}
