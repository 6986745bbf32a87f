package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import io.knotwise.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits, security headers, CORS by allow-list and unguessable ids. */
class AbuseTest {

    private static Javalin app(Map<String, String> env) {
        var all = new HashMap<>(Map.of("KNOTWISE_STORE", "memory"));
        all.putAll(RealGuide.STOP_AT_ONCE);
        all.putAll(env);
        return RealGuide.guide().app(Settings.from(all));
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfterButHealthChecksDoNot() {
        JavalinTest.test(app(Map.of("KNOTWISE_RATE_LIMIT_PER_MINUTE", "5")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            for (int i = 0; i < 5; i++) {
                assertThat(api.send("POST", "/api/v1/parse", "{\"text\": \"next\"}").status()).isEqualTo(200);
            }

            var limited = api.send("POST", "/api/v1/parse", "{\"text\": \"next\"}");

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(api.get("/health").status()).isEqualTo(200);
            assertThat(api.get("/ready").status()).isEqualTo(200);
        });
    }

    @Test
    void aConversationOverItsRateLimitIsRefusedWithoutChangingItAndOthersCarryOn() {
        JavalinTest.test(app(Map.of("KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "3",
                "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String busy = api.start();
            for (int i = 0; i < 3; i++) {
                assertThat(api.say(busy, "{\"text\": \"between my shoulder blades\"}").status()).isEqualTo(200);
            }

            var limited = api.say(busy, "{\"text\": \"how about the ball against the wall\"}");

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            var after = api.get("/api/v1/conversations/" + busy).json();
            var said = new ArrayList<String>();
            after.get("transcript").forEach(e -> {
                if (e.get("from").asText().equals("user")) {
                    said.add(e.get("text").asText());
                }
            });
            assertThat(said).hasSize(3).doesNotContain("how about the ball against the wall");
            assertThat(api.say(api.start(), "{\"text\": \"between my shoulder blades\"}").status()).isEqualTo(200);
        });
    }

    @Test
    void anEmergencyIsAnsweredOverTheRateLimitOnceAndThenCountsLikeAnyMessage() {
        JavalinTest.test(app(Map.of("KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "1",
                "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            api.say(id, "{\"text\": \"between my shoulder blades\"}");
            String emergency = "{\"text\": \"I have crushing chest pain and my left arm is numb\"}";

            assertThat(api.say(id, emergency).status()).isEqualTo(200);
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < 20; i++) {
                statuses.add(api.say(id, emergency).status());
            }

            assertThat(statuses).containsOnly(429);
        });
    }

    @Test
    void anEmergencyIsAnsweredEvenOverTheRateLimit() {
        JavalinTest.test(app(Map.of("KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "1",
                "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            api.say(id, "{\"text\": \"between my shoulder blades\"}");

            assertThat(api.say(id, "{\"text\": \"a few days\"}").status()).isEqualTo(429);
            var emergency = api.say(id, "{\"text\": \"I have crushing chest pain and my left arm is numb\"}");

            assertThat(emergency.status()).isEqualTo(200);
            assertThat(emergency.json().at("/triage/tier").asText()).isEqualTo("emergency");
        });
    }

    @Test
    void behindATrustedProxyEachForwardedAddressHasItsOwnLimit() {
        JavalinTest.test(app(Map.of("KNOTWISE_RATE_LIMIT_PER_MINUTE", "2",
                "KNOTWISE_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            Map<String, String> first = Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
            Map<String, String> second = Map.of("X-Forwarded-For", "198.51.100.2");
            byte[] body = "{\"text\": \"next\"}".getBytes();
            api.send("POST", "/api/v1/parse", body, first);
            api.send("POST", "/api/v1/parse", body, first);

            assertThat(api.send("POST", "/api/v1/parse", body, first).status()).isEqualTo(429);
            assertThat(api.send("POST", "/api/v1/parse", body, second).status()).isEqualTo(200);
        });
    }

    @Test
    void aClientWritingItsOwnForwardedEntriesCannotDodgeItsLimit() {
        JavalinTest.test(app(Map.of("KNOTWISE_RATE_LIMIT_PER_MINUTE", "2",
                "KNOTWISE_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            byte[] body = "{\"text\": \"next\"}".getBytes();
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < 3; i++) {
                // The proxy appends the address it saw; the client wrote the made-up one to its left.
                statuses.add(api.send("POST", "/api/v1/parse", body,
                        Map.of("X-Forwarded-For", "10.66.0." + i + ", 203.0.113.9")).status());
            }

            assertThat(statuses).containsExactly(200, 200, 429);
        });
    }

    @Test
    void theForwardedHeaderOfARequestThatDidNotComeThroughATrustedProxyIsIgnored() {
        JavalinTest.test(app(Map.of("KNOTWISE_RATE_LIMIT_PER_MINUTE", "2",
                "KNOTWISE_CLIENT_ADDRESS_HEADER", "X-Forwarded-For", "KNOTWISE_TRUSTED_PROXIES", "10.9.9.9")),
                (server, client) -> {
                    var api = new ApiClient(client.getOrigin());
                    byte[] body = "{\"text\": \"next\"}".getBytes();
                    api.send("POST", "/api/v1/parse", body, Map.of("X-Forwarded-For", "198.51.100.1"));
                    api.send("POST", "/api/v1/parse", body, Map.of("X-Forwarded-For", "198.51.100.2"));

                    assertThat(api.send("POST", "/api/v1/parse", body, Map.of("X-Forwarded-For", "198.51.100.3"))
                            .status()).isEqualTo(429);
                });
    }

    @Test
    void withATokenSetTheMetricsAreServedOnlyToAScraperHoldingIt() {
        JavalinTest.test(app(Map.of("KNOTWISE_METRICS_TOKEN", "scrape-me\n")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());

            assertThat(api.get("/metrics").status()).isEqualTo(401);
            assertThat(api.send("GET", "/metrics", null, Map.of("Authorization", "Bearer wrong")).status())
                    .isEqualTo(401);
            var scraped = api.send("GET", "/metrics", null, Map.of("Authorization", "Bearer scrape-me"));
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.text()).contains("knotwise_http_requests");
        });
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndTheDemoPageAStrictScriptPolicy() {
        JavalinTest.test(app(Map.of()), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            for (String path : new String[] {"/", "/widget.js", "/api/v1/techniques", "/no/such/page"}) {
                var headers = api.get(path).headers();
                assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
                assertThat(headers.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
                assertThat(headers.firstValue("Content-Security-Policy")).as(path).isPresent();
            }
            String page = api.get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(page).contains("script-src 'self'").contains("connect-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
            assertThat(api.get("/api/v1/techniques").headers().firstValue("Content-Security-Policy"))
                    .contains("default-src 'none'; frame-ancestors 'none'");
        });
    }

    @Test
    void onlyAllowListedOriginsMayCallTheApiFromABrowser() {
        JavalinTest.test(app(Map.of("KNOTWISE_CORS_ORIGINS", "https://clinic.example")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            var allowed = api.send("POST", "/api/v1/parse", "{\"text\": \"next\"}".getBytes(),
                    Map.of("Origin", "https://clinic.example"));
            var other = api.send("POST", "/api/v1/parse", "{\"text\": \"next\"}".getBytes(),
                    Map.of("Origin", "https://evil.example"));

            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://clinic.example");
            assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        });
    }

    @Test
    void aMessageFromASiteNotOnTheListIsRefusedBeforeItIsTaken() {
        JavalinTest.test(app(Map.of("KNOTWISE_CORS_ORIGINS", "https://clinic.example")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            String id = api.start();
            String path = "/api/v1/conversations/" + id + "/messages";
            byte[] body = "{\"text\": \"my upper back is stiff\"}".getBytes();

            var refused = api.send("POST", path, body, Map.of("Origin", "https://evil.example"));
            var same = api.send("POST", path, body, Map.of("Origin", client.getOrigin()));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text()).contains("origin_not_allowed").doesNotContain("How long");
            assertThat(same.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/conversations/" + id).text().split("my upper back is stiff", -1)).hasSize(2);
        });
    }

    @Test
    void conversationIdsCarryAtLeast122RandomBitsAndNeverRepeat() {
        JavalinTest.test(app(Map.of("KNOTWISE_RATE_LIMIT_PER_MINUTE", "0")), (server, client) -> {
            var api = new ApiClient(client.getOrigin());
            var ids = new HashSet<String>();
            for (int i = 0; i < 100; i++) {
                ids.add(api.start());
            }

            assertThat(ids).hasSize(100).allMatch(id -> id.matches("[A-Za-z0-9_-]{24}"));
            // 24 base64url characters are 144 bits, all from SecureRandom (Engine.start).
        });
    }
}
