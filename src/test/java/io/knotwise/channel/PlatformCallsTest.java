package io.knotwise.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls to a platform on loopback that answers 429 or 5xx first: made again after the wait it names, or give up. */
class PlatformCallsTest {

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Duration> pauses = new ArrayList<>();
    private HttpServer platform;

    private PlatformCalls platform(Answer... scripted) throws Exception {
        answers.addAll(List.of(scripted));
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/", exchange -> {
            calls.incrementAndGet();
            Answer answer = answers.isEmpty() ? new Answer(200, Map.of(), "{\"ok\":true}") : answers.poll();
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
        return new PlatformCalls(HttpClient.newHttpClient(), pauses::add);
    }

    private int send(PlatformCalls calls) throws Exception {
        return calls.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.getAddress().getPort()
                + "/sendMessage")).POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode();
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.stop(0);
        }
    }

    @Test
    void aTelegram429IsSentAgainAfterItsRetryAfter() throws Exception {
        var calls = platform(new Answer(429, Map.of(),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}"));

        assertThat(send(calls)).isEqualTo(200);
        assertThat(this.calls).hasValue(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aSlack429IsSentAgainAfterItsRetryAfterHeader() throws Exception {
        var calls = platform(new Answer(429, Map.of("Retry-After", "3"), "{\"ok\":false,\"error\":\"ratelimited\"}"));

        assertThat(send(calls)).isEqualTo(200);
        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorsAreRetriedWithADoublingPauseUpToTheLimit() throws Exception {
        var calls = platform(new Answer(502, Map.of(), ""), new Answer(503, Map.of(), ""), new Answer(500, Map.of(),
                ""),
                new Answer(500, Map.of(), ""), new Answer(500, Map.of(), ""), new Answer(500, Map.of(), ""));

        assertThat(send(calls)).isEqualTo(500);
        assertThat(this.calls).hasValue(PlatformCalls.ATTEMPTS);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @Test
    void aRefusalIsNotRetriedNorIsAWaitLongerThanAMinute() throws Exception {
        var calls = platform(new Answer(400, Map.of(), "{\"ok\":false}"),
                new Answer(429, Map.of("Retry-After", "3600"), ""));

        assertThat(send(calls)).isEqualTo(400);
        assertThat(send(calls)).isEqualTo(429);
        assertThat(this.calls).hasValue(2);
        assertThat(pauses).isEmpty();
    }
}
