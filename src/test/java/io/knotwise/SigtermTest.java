package io.knotwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.knotwise.engine.TranscriptEntry;
import io.knotwise.store.SqliteConversationStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server in its own JVM, stopped by SIGTERM while messages keep arriving: every message it acknowledged is
 * in the SQLite file afterwards, and the file was closed cleanly (its write-ahead log checkpointed and removed).
 */
class SigtermTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process server;

    @AfterEach
    void killLeftovers() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void sigtermLosesNoAcknowledgedMessageAndClosesTheStoreCleanly(@TempDir Path folder) throws Exception {
        Path database = folder.resolve("knotwise.db");
        String origin = start(database);
        String id = new ObjectMapper().readTree(HTTP.send(post(origin + "/api/v1/conversations", "{}"),
                HttpResponse.BodyHandlers.ofString()).body()).get("conversation_id").asText();

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int n = 0; n < 100_000; n++) {
                String text = "between my shoulder blades, note " + n;
                try {
                    HttpResponse<String> answer = HTTP.send(post(origin + "/api/v1/conversations/" + id + "/messages",
                            "{\"text\": \"" + text + "\"}"), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 503) {
                        refused.add(text); // a request that slips in while stopping may be turned away
                        assertThat(answer.body()).contains("\"error\"");
                    } else {
                        assertThat(answer.statusCode()).as("answer to note %d", n).isEqualTo(200);
                        assertThat(answer.body()).contains("\"messages\"");
                        acknowledged.add(text);
                    }
                } catch (IOException gone) {
                    return; // the server has closed its port
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        while (acknowledged.size() < 5 && !sender.isDone()) {
            Thread.sleep(10);
        }

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
        sender.get(20, TimeUnit.SECONDS);

        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(5);
        assertThat(database.resolveSibling("knotwise.db-wal")).doesNotExist();
        try (var store = new SqliteConversationStore(database, Duration.ofMinutes(30), 10, Clock.systemUTC())) {
            List<String> kept = store.find(id).orElseThrow().conversation().transcript().stream()
                    .filter(entry -> entry.from().equals("user")).map(TranscriptEntry::text).toList();
            assertThat(kept).containsAll(acknowledged);
            refused.forEach(text -> assertThat(kept).doesNotContain(text));
        }
    }

    /** Starts {@code java io.knotwise.Main} on this test's class path and a free port; answers its origin. */
    private String start(Path database) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.knotwise.Main")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("KNOTWISE_HOST", "127.0.0.1", "KNOTWISE_PORT", "0",
                "KNOTWISE_STORE", "sqlite:" + database, "KNOTWISE_DIALOGS", "dialogs", "KNOTWISE_MODELS", "models",
                "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0", "KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "0"));
        server = builder.start();
        var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            var listening = LISTENING.matcher(line);
            if (listening.find()) {
                return listening.group(1);
            }
        }
        throw new AssertionError("the server stopped before it was listening (exit " + server.waitFor() + ")");
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
