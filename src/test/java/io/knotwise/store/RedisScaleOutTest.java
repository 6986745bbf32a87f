package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.knotwise.Guide;
import io.knotwise.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real Knotwise instances on random ports share one real redis-server, over real HTTP. */
class RedisScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path folder;
    private static RedisServer redis;
    private static final List<Guide> WIRINGS = new ArrayList<>();
    private static final List<Javalin> INSTANCES = new ArrayList<>();

    private record Answer(int status, JsonNode body) {
    }

    @BeforeAll
    static void startTwoInstancesOnOneRedis() {
        redis = RedisServer.start(folder);
        var settings = Settings.from(Map.of("KNOTWISE_STORE", redis.uri(), "KNOTWISE_STORE_TIMEOUT_MS", "1000",
                "KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "0", "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0"));
        for (int i = 0; i < 2; i++) {
            Guide wiring = Guide.load(settings);
            WIRINGS.add(wiring);
            INSTANCES.add(wiring.app(settings).start("127.0.0.1", 0));
        }
    }

    @AfterAll
    static void stopEverything() {
        INSTANCES.forEach(Javalin::stop);
        WIRINGS.forEach(w -> w.store().close());
        if (redis != null) {
            redis.close();
        }
    }

    private static String origin(int instance) {
        return "http://127.0.0.1:" + INSTANCES.get(instance).port();
    }

    private static Answer send(int instance, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(origin(instance) + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private static String start(int instance) throws Exception {
        return send(instance, "POST", "/api/v1/conversations", "{}").body().get("conversation_id").asText();
    }

    private static Answer say(int instance, String id, String text) throws Exception {
        return send(instance, "POST", "/api/v1/conversations/" + id + "/messages",
                JSON.writeValueAsString(Map.of("text", text)));
    }

    private static List<String> userSaid(int instance, String id) throws Exception {
        var said = new ArrayList<String>();
        send(instance, "GET", "/api/v1/conversations/" + id, null).body().get("transcript").forEach(entry -> {
            if (entry.get("from").asText().equals("user")) {
                said.add(entry.get("text").asText());
            }
        });
        return said;
    }

    @Test
    void concurrentMessagesThroughBothInstancesAreAllKeptInOrderOfArrival() throws Exception {
        String id = start(0);
        int senders = 6;
        int messagesEach = 8;
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(senders);
        var statuses = new ArrayList<Future<List<Integer>>>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            statuses.add(pool.submit(() -> {
                go.await();
                var codes = new ArrayList<Integer>();
                for (int m = 0; m < messagesEach; m++) {
                    codes.add(say(sender % 2, id, "tight between my shoulder blades, note " + sender + "-" + m)
                            .status());
                }
                return codes;
            }));
        }
        go.countDown();
        for (Future<List<Integer>> codes : statuses) {
            assertThat(codes.get()).containsOnly(200);
        }
        pool.shutdown();

        List<String> said = userSaid(1, id);
        assertThat(said).hasSize(senders * messagesEach).doesNotHaveDuplicates();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            List<String> own = said.stream().filter(t -> t.contains("note " + sender + "-")).toList();
            assertThat(own).as("sender %d's messages, in the order sent", s)
                    .containsExactly(IntStream.range(0, messagesEach)
                            .mapToObj(m -> "tight between my shoulder blades, note " + sender + "-" + m)
                            .toArray(String[]::new));
        }
    }

    @Test
    void aConversationStartedOnOneInstanceIsDeletedEverywhereFromTheOther() throws Exception {
        String id = start(0);
        assertThat(say(1, id, "between my shoulder blades").status()).isEqualTo(200);

        assertThat(send(1, "DELETE", "/api/v1/conversations/" + id, null).status()).isEqualTo(204);

        assertThat(send(0, "GET", "/api/v1/conversations/" + id, null).status()).isEqualTo(404);
        assertThat(say(0, id, "hello?").status()).isEqualTo(404);
    }

    @Test
    void duringARedisOutageTheGuideAnswers503FastStaysUpAndRecoversWithNothingLost() throws Exception {
        String id = start(0);
        assertThat(say(0, id, "between my shoulder blades").status()).isEqualTo(200);
        assertThat(say(1, id, "for a few days").status()).isEqualTo(200);

        redis.kill();
        Instant asked = Instant.now();
        Answer down = say(0, id, "about a 4");
        Duration took = Duration.between(asked, Instant.now());

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body().at("/error/code").asText()).isEqualTo("store_unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(send(1, "GET", "/health", null).status()).isEqualTo(200);
        assertThat(send(1, "GET", "/ready", null).status()).isEqualTo(503);
        Answer emergency = say(1, id, "I have crushing chest pain");
        assertThat(emergency.status()).isEqualTo(503);
        assertThat(emergency.body().at("/messages/0/kind").asText()).isEqualTo("escalation");
        assertThat(emergency.body().at("/triage/tier").asText()).isEqualTo("emergency");
        assertThat(down.body().has("messages")).isFalse();

        redis.startAgain();
        Answer back = awaitAnswer(() -> say(1, id, "about a 4"));

        assertThat(back.status()).isEqualTo(200);
        // Each instance's client reconnects on its own schedule.
        assertThat(awaitAnswer(() -> send(0, "GET", "/ready", null)).body().get("status").asText()).isEqualTo("ready");
        // The emergency told during the outage was kept by the instance that answered it, and taken first.
        assertThat(userSaid(0, id)).containsExactly("between my shoulder blades", "for a few days",
                "I have crushing chest pain", "about a 4");
        assertThat(back.body().at("/triage/tier").asText()).isEqualTo("emergency");
    }

    private interface Call {
        Answer call() throws Exception;
    }

    /** The client reconnects by itself within a second or two; until then the guide keeps answering 503. */
    private static Answer awaitAnswer(Call call) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        Answer answer = call.call();
        while (answer.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            answer = call.call();
        }
        return answer;
    }
}
