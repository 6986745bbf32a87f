package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Metrics, request ids, logs that keep what people say out of them, and a graceful stop. */
class ObservabilityTest {


    @Test
    void metricsCountRequestsByRouteTurnsByIntentFallbacksEscalationsAndConversations() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            api.say(id, "{\"text\": \"how do I release knots between my shoulder blades\"}");
            api.say(id, "{\"text\": \"what's the capital of France?\"}");
            api.say(id, "{\"text\": \"zxqv blorp\"}");
            api.say(id, "{\"text\": \"I have crushing chest pain\"}");

            String metrics = api.get("/metrics").text();

            assertThat(metrics)
                    .containsPattern("knotwise_http_requests_seconds_count\\{method=\"POST\","
                            + "route=\"/api/v1/conversations/\\{id}/messages\",status=\"200\"} [1-9]")
                    .containsPattern("knotwise_turns_total\\{intent=\"request_technique\"} [1-9]")
                    .containsPattern("knotwise_out_of_scope_total [1-9]")
                    .containsPattern("knotwise_fallbacks_total \\d")
                    .containsPattern("knotwise_escalations_total\\{tier=\"emergency\"} [1-9]")
                    .containsPattern("knotwise_conversations_active [1-9]")
                    .containsPattern("knotwise_store_errors_total\\{operation=\"save\"} 0")
                    .containsPattern("knotwise_store_calls_seconds_count\\{operation=\"find\"} [1-9]");
        });
    }

    @Test
    void everyRequestHasAnIdTheCallerMayChooseButNotForge() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var api = new ApiClient(client.getOrigin());

            String generated = api.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
            String chosen = api.send("GET", "/health", null, Map.of("X-Request-Id", "trace-42.a_b"))
                    .headers().firstValue("X-Request-Id").orElseThrow();
            String forged = api.send("GET", "/health", null, Map.of("X-Request-Id", "x\" injected=\"1"))
                    .headers().firstValue("X-Request-Id").orElseThrow();

            assertThat(generated).matches("[0-9a-f-]{36}");
            assertThat(chosen).isEqualTo("trace-42.a_b");
            assertThat(forged).matches("[0-9a-f-]{36}");
        });
    }

    @Test
    void whatPeopleSayAndTheirConversationIdsNeverReachTheLogsEvenWhenThingsGoWrong() {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var http = (Logger) LoggerFactory.getLogger("knotwise.http");
        var audit = (Logger) LoggerFactory.getLogger("knotwise.audit");
        var captured = new ListAppender<ILoggingEvent>();
        captured.start();
        root.addAppender(captured);
        var httpLevel = http.getLevel();
        var auditLevel = audit.getLevel();
        // logback-test.xml keeps the tests' output quiet; here the lines are what is checked
        http.setLevel(ch.qos.logback.classic.Level.INFO);
        audit.setLevel(ch.qos.logback.classic.Level.INFO);
        String secret = "Zanzibarite";
        var ids = new ArrayList<String>();
        try {
            JavalinTest.test(RealGuide.app(), (server, client) -> {
                var api = new ApiClient(client.getOrigin());
                String id = api.start();
                ids.add(id);
                api.say(id, "{\"text\": \"my " + secret + " chest pain is crushing\"}");
                api.say(id, "{\"text\": \"" + secret + "\", \"extra\": 1}");
                api.say(id, "{\"text\": \"" + secret + "\u0007\"}");
                api.say("no-such-conversation", "{\"text\": \"" + secret + "\"}");
                api.send("POST", "/api/v1/parse", "{\"text\": \"" + secret + " " + "x".repeat(2000) + "\"}");
                api.send("POST", "/api/v1/conversations/" + id + "/messages?q=" + secret, "{\"text\": \"next\"}");
            });
        } finally {
            root.detachAppender(captured);
            http.setLevel(httpLevel);
            audit.setLevel(auditLevel);
        }

        List<ILoggingEvent> events = captured.list;
        assertThat(events).anyMatch(e -> e.getLoggerName().equals("knotwise.audit"));
        assertThat(events).anyMatch(e -> e.getLoggerName().equals("knotwise.http")
                && e.getMDCPropertyMap().containsKey("request_id"));
        assertThat(events).noneMatch(e -> String.valueOf(e.getFormattedMessage()).contains(secret)
                || String.valueOf(e.getKeyValuePairs()).contains(secret)
                || String.valueOf(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())
                        .contains(secret));
        assertThat(ids).singleElement().satisfies(id -> assertThat(events).noneMatch(e ->
                String.valueOf(e.getFormattedMessage()).contains(id) || String.valueOf(e.getKeyValuePairs())
                        .contains(id)));
        assertThat(events).filteredOn(e -> e.getLoggerName().equals("knotwise.audit"))
                .allMatch(e -> String.valueOf(e.getKeyValuePairs()).contains("id#"));
    }

    @Test
    void stoppingTheServerLetsARequestInFlightFinish() throws Exception {
        var arrived = new CountDownLatch(1);
        var graceful = RealGuide.settings(Map.of("KNOTWISE_SHUTDOWN_GRACE_SECONDS", "10"));
        Javalin app = RealGuide.guide().app(graceful, List.of(routes ->
                routes.get("/slow", ctx -> {
                    arrived.countDown();
                    Thread.sleep(1500);
                    ctx.result("finished");
                }))).start("127.0.0.1", 0);
        var api = new ApiClient("http://127.0.0.1:" + app.port());
        CompletableFuture<ApiClient.Answer> inFlight = CompletableFuture.supplyAsync(() -> api.get("/slow"));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        Instant stopping = Instant.now();
        app.stop();

        ApiClient.Answer answer = inFlight.get();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("finished");
        assertThat(Duration.between(stopping, Instant.now())).isGreaterThan(Duration.ofMillis(500));
    }
}
