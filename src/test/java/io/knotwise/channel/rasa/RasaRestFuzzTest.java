package io.knotwise.channel.rasa;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.channel.ContractAnswer;
import io.knotwise.channel.FuzzedJson;
import io.knotwise.channel.LoopbackOnly;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the Rasa REST channel, {@code POST /webhooks/rest/webhook}, in the real app over loopback: any body gets a
 * contract answer, never a 5xx or a leak. The app is started once.
 */
class RasaRestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SENDERS = List.of("user-1", "user-2", " ", "");
    private static final List<String> MESSAGES = List.of("hi", "next", "/next", "/start", "/greet",
            "/request_technique{\"technique\": \"tennis_ball_wall\"}", "/", "how do I release knots between my"
                    + " shoulder blades", "I have crushing chest pain", "/request_technique{\"technique\": 1}");

    private static Javalin app;
    private static HttpClient http;
    private static URI webhook;

    @BeforeAll
    static void start() {
        var channel = new RasaRestChannel(RealGuide.channelsWithOwnStore());
        app = RealGuide.guide().app(RealGuide.settings(), List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        webhook = URI.create("http://127.0.0.1:" + app.port() + "/webhooks/rest/webhook");
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @FuzzTest(maxDuration = "2m")
    void anyBodyGetsAContractAnswer(FuzzedDataProvider data) throws Exception {
        String contentType = FuzzedJson.from(data).contentType();
        String body;
        if (data.consumeBoolean()) {
            ObjectNode json = JSON.createObjectNode();
            FuzzedJson.from(data).put(json, "sender", SENDERS).put(json, "message", MESSAGES);
            body = json.toString();
        } else {
            body = data.consumeRemainingAsString();
        }
        var request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).build();

        var response = LoopbackOnly.call(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

        ContractAnswer.check(response, body);
    }
}
