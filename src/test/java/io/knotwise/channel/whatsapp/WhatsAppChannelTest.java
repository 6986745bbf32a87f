package io.knotwise.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.channel.DirectExecutor;
import io.knotwise.channel.Notices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp Cloud API channel against a fake Graph API on loopback, with notifications shaped as Meta's
 * documentation shows them (text, button_reply and list_reply messages, status notifications) and signed as Meta
 * signs them.
 */
class WhatsAppChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_SECRET = "app-secret-from-the-meta-dashboard";
    private static final String VERIFY = "knotwise-verify-token";
    private static final String PHONE_ID = "106540352242922";
    private static final String USER = "447700900123";

    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin graph;
    private Javalin guide;

    @BeforeEach
    void start() {
        graph = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/v21.0/{phone}/messages", ctx -> {
                assertThat(ctx.header("Authorization")).isEqualTo("Bearer EAAG-token");
                sent.add(JSON.readTree(ctx.body()));
                ctx.contentType("application/json")
                        .result("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                        + USER + "\",\"wa_id\":\"" + USER + "\"}],\"messages\":[{\"id\":\"wamid.sent" + sent.size()
                                + "\"}]}");
            });
        }).start("127.0.0.1", 0);
        var settings = new WhatsAppSettings("EAAG-token", APP_SECRET, VERIFY, PHONE_ID,
                "http://127.0.0.1:" + graph.port() + "/v21.0");
        var channel = new WhatsAppChannel(settings, RealGuide.channelsWithOwnStore(), new DirectExecutor());
        // The whole app, so errors are mapped as in production (the API maps every channel's errors once).
        guide = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        guide.stop();
        graph.stop();
    }

    private HttpResponse<String> notify(String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guide.port() + "/webhooks/whatsapp"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> notify(String body) throws Exception {
        return notify(body, new WhatsAppSignature(APP_SECRET).sign(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A notification as Meta documents it, around one message object. */
    private static String around(String message) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},"
                + "\"wa_id\":\"" + USER + "\"}],\"messages\":[" + message + "]},\"field\":\"messages\"}]}]}";
    }

    private String text(String body) throws Exception {
        return around("{\"from\":\"" + USER + "\",\"id\":\"wamid.in" + ids.incrementAndGet()
                + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":" + JSON
                        .writeValueAsString(body)
                + "}}");
    }

    private String pressed(String kind, String id) throws Exception {
        return around("{\"context\":{\"from\":\"15550783881\",\"id\":\"wamid.sent1\"},\"from\":\"" + USER
                + "\",\"id\":\"wamid.in" + ids.incrementAndGet()
                        + "\",\"timestamp\":\"1749416383\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"" + kind + "\",\"" + kind + "\":{\"id\":" + JSON.writeValueAsString(id)
                + ",\"title\":\"Next\"}}}");
    }

    private JsonNode last() {
        return sent.get(sent.size() - 1);
    }

    /** The ids of the options offered last: reply buttons or list rows. */
    private List<String> options() {
        JsonNode interactive = last().path("interactive");
        var ids = new ArrayList<String>();
        interactive.path("action").path("buttons").forEach(b -> ids.add(b.path("reply").path("id").asText()));
        interactive.path("action").path("sections").forEach(s -> s.path("rows")
                .forEach(r -> ids.add(r.path("id").asText())));
        return ids;
    }

    private String option(String containing) {
        return options().stream().filter(id -> id.contains(containing)).findFirst().orElseThrow(
                () -> new AssertionError("no option with " + containing + " in " + options()));
    }

    @Test
    void theVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() throws Exception {
        String base = "http://127.0.0.1:" + guide.port()
                + "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444";
        var right = http.send(HttpRequest.newBuilder(URI.create(base + "&hub.verify_token=" + VERIFY)).build(),
                HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(HttpRequest.newBuilder(URI.create(base + "&hub.verify_token=guess")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("unauthorized");
    }

    @Test
    void anUnsignedOrWronglySignedNotificationIsRefusedAndNothingIsSent() throws Exception {
        String body = text("hello");

        assertThat(notify(body, null).statusCode()).isEqualTo(401);
        assertThat(notify(body, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(notify(body + " ", new WhatsAppSignature(APP_SECRET).sign(body.getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
        assertThat(sent).isEmpty();
    }

    @Test
    void aWholeTechniqueIsWalkedThroughByReplyButtonsAndListChoices() throws Exception {
        assertThat(notify(text("how do I release knots between my shoulder blades")).statusCode()).isEqualTo(200);
        assertThat(sent.get(0).path("text").path("body").asText()).contains("Knotwise");
        for (String answer : List.of("about two weeks", "6 out of 10", "I have a tennis ball", "10 minutes",
                "no, none of those")) {
            notify(text(answer));
        }
        String technique = option("tennis_ball_wall");
        String kind = last().path("interactive").path("type").asText().equals("list") ? "list_reply" : "button_reply";

        notify(pressed(kind, technique));
        assertThat(sent).anyMatch(m -> m.toString().contains("Step 1 of 6"));
        for (int step = 2; step <= 6; step++) {
            notify(pressed("button_reply", option("/next")));
            String expected = "Step " + step + " of 6";
            assertThat(sent).anyMatch(m -> m.toString().contains(expected));
        }

        assertThat(sent).allMatch(m -> m.path("to").asText().equals(USER));
        assertThat(sent).filteredOn(m -> m.path("interactive").path("type").asText().equals("button"))
                .allSatisfy(m -> {
                    assertThat(m.at("/interactive/action/buttons").size()).isLessThanOrEqualTo(3);
                    m.at("/interactive/action/buttons").forEach(b ->
                            assertThat(b.at("/reply/title").asText().length()).isLessThanOrEqualTo(20));
                });
        assertThat(sent).filteredOn(m -> m.path("interactive").path("type").asText().equals("list"))
                .isNotEmpty().allSatisfy(m -> assertThat(m.at("/interactive/action/sections/0/rows").size())
                        .isBetween(1, 10));
    }

    @Test
    void aHoldTimedInTheChatEndsWithTimesUp() throws Exception {
        for (String answer : List.of("how do I release knots between my shoulder blades", "about two weeks",
                "6 out of 10", "I have a tennis ball", "10 minutes", "no, none of those")) {
            notify(text(answer));
        }
        String kind = last().path("interactive").path("type").asText().equals("list") ? "list_reply" : "button_reply";
        notify(pressed(kind, option("tennis_ball_wall")));
        for (int step = 2; step <= 4; step++) {
            notify(pressed("button_reply", option("/next")));
        }
        assertThat(last().toString()).contains("Step 4 of 6");
        assertThat(last().at("/interactive/type").asText()).as("a step's controls are one tap away")
                .isEqualTo("button");
        assertThat(options()).containsExactly("/next", "/start_timer", "/stop");
        assertThat(last().at("/interactive/body/text").asText()).contains("Or type: back, repeat");

        notify(text("start timer"));

        for (int i = 0; i < 100 && sent.stream().noneMatch(m -> m.toString().contains("Time's up")); i++) {
            Thread.sleep(50);
        }
        assertThat(sent).as("a time's up within 5 s").anyMatch(m -> m.toString().contains("Time's up"));
    }

    @Test
    void aMessageDeliveredTwiceIsAnsweredOnceAndStatusesAreIgnored() throws Exception {
        String hello = text("hello");
        notify(hello);
        int after = sent.size();

        notify(hello);
        notify(around("").replace("\"messages\":[]", "\"statuses\":[{\"id\":\"wamid.sent1\",\"status\":\"read\","
                + "\"timestamp\":\"1749416400\",\"recipient_id\":\"" + USER + "\"}]"));

        assertThat(sent).hasSize(after);
    }

    @Test
    void aBritishNumberIsToldToCall999AndAnAmericanOne911() throws Exception {
        notify(text("I have crushing chest pain"));
        String american = text("I have crushing chest pain").replace(USER, "15551234567");
        notify(american);

        assertThat(sent).anyMatch(m -> m.path("to").asText().equals(USER) && m.toString().contains("999"));
        assertThat(sent).anyMatch(m -> m.path("to").asText().equals("15551234567") && m.toString().contains("911"));
    }

    @Test
    void anAustralianNumberIsToldToCall000AndANumberFromElsewhere112() throws Exception {
        notify(text("I have crushing chest pain").replace(USER, "61412345678"));
        notify(text("I have crushing chest pain").replace(USER, "4915112345678"));

        assertThat(sent).anyMatch(m -> m.path("to").asText().equals("61412345678") && m.toString().contains("000"));
        assertThat(sent).anyMatch(m -> m.path("to").asText().equals("4915112345678") && m.toString().contains("112"))
                .noneMatch(m -> m.path("to").asText().equals("4915112345678") && m.toString().contains("999"));
    }

    @Test
    void aPhotosCaptionIsReadAndScreenedLikeAnyMessage() throws Exception {
        notify(around("{\"from\":\"" + USER
                + "\",\"id\":\"wamid.photo\",\"timestamp\":\"1749416383\",\"type\":\"image\","
                + "\"image\":{\"caption\":\"crushing chest pain spreading to my left arm right now\","
                + "\"mime_type\":\"image/jpeg\",\"sha256\":\"abc\",\"id\":\"1003383421387257\"}}"));

        assertThat(sent).first().satisfies(m -> assertThat(m.toString()).contains("999"));
    }

    @Test
    void aVoiceNoteIsAnsweredWithWhatTheGuideCanRead() throws Exception {
        notify(around("{\"from\":\"" + USER
                + "\",\"id\":\"wamid.voice\",\"timestamp\":\"1749416383\",\"type\":\"audio\","
                + "\"audio\":{\"mime_type\":\"audio/ogg; codecs=opus\",\"id\":\"1003383421387256\",\"voice\":true}}"));

        assertThat(sent).singleElement().satisfies(m ->
                assertThat(m.path("text").path("body").asText()).isEqualTo(Notices.NOT_TEXT));
    }
}
