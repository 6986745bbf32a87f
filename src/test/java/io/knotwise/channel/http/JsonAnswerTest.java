package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers are written straight to the response; one that fails halfway gives the error body alone. */
class JsonAnswerTest {

    /** A value that cannot be written: Jackson has written what came before it when it fails. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("not today");
        }
    }

    private static Javalin app(Object body) {
        return Javalin.create(config -> {
            config.routes.get("/answer", ctx -> Json.respond(ctx, 200, body));
            ErrorMapping.register(config.routes);
        });
    }

    @Test
    void anAnswerLargerThanEveryBufferOnItsWayArrivesWhole() {
        var body = Map.of("text", "knot ".repeat(10_000));
        JavalinTest.test(app(body), (server, client) -> {
            var answer = new ApiClient(client.getOrigin()).get("/answer");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(answer.json().get("text").asText()).isEqualTo(body.get("text"));
        });
    }

    @Test
    void anAnswerThatFailsHalfwayIsA500WithTheErrorBodyAlone() {
        var body = new LinkedHashMap<String, Object>();
        body.put("messages", "x".repeat(100));
        body.put("broken", new Unwritable());
        JavalinTest.test(app(body), (server, client) -> {
            var answer = new ApiClient(client.getOrigin()).get("/answer");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.text()).doesNotContain("xxx");
            assertThat(answer.errorCode()).isEqualTo("internal_error");
        });
    }
}
