package io.knotwise.channel.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.knotwise.RealGuide;
import io.knotwise.channel.ContractAnswer;
import io.knotwise.channel.FuzzedJson;
import io.knotwise.channel.LoopbackOnly;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes {@code POST /api/v1/parse} of the real app over real HTTP on loopback: whatever the body, the answer is
 * never a 5xx, every error is the contract's JSON, and nothing internal leaks. The app is started once.
 */
class ParseFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("text", "payload", "locale", "TEXT", "");

    private static Javalin app;
    private static HttpClient http;
    private static URI parse;

    @BeforeAll
    static void start() {
        app = RealGuide.app().start("127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        parse = URI.create("http://127.0.0.1:" + app.port() + "/api/v1/parse");
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @FuzzTest(maxDuration = "2m")
    void anyBytesAsTheBodyGetAContractAnswer(byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(parse).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").build();

        var response = LoopbackOnly.call(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

        ContractAnswer.check(response, new String(body, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "2m")
    void anyTextInAJsonBodyGetsAContractAnswer(FuzzedDataProvider data) throws Exception {
        String contentType = FuzzedJson.from(data).contentType();
        ObjectNode body = JSON.createObjectNode();
        if (data.consumeBoolean()) {
            body.put(data.pickValue(FIELDS), data.consumeInt());
        }
        String text = data.consumeRemainingAsString();
        body.put("text", text);
        var request = HttpRequest.newBuilder(parse).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", contentType).build();

        var response = LoopbackOnly.call(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));

        ContractAnswer.check(response, text, body.toString());
    }
}
