package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether a turn costs the same early and late in a conversation: {@code conversations} conversations are first
 * taken to {@code messages} user messages each, then every batch sends one more message to each of them in turn, so
 * a conversation grows by only one message per batch. The store is the default (SQLite in a fresh file) unless told
 * otherwise. JMH prints the time of a batch; divided by {@code conversations} it is the time of one turn. Three forks
 * per length: on two cores one fork's batches come out up to half slower or faster than another's for the same code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 30, batchSize = 100)
@Measurement(iterations = 20, batchSize = 100)
@Fork(value = 3, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.logFile=target/bench/long-conversation-benchmark.log")
public class LongConversationBenchmark {

    /**
     * Questions asked while the guide waits for an answer: each is answered and the guide asks its question again,
     * so every turn does the same work (four transcript entries) however long the conversation is.
     */
    private static final List<String> MESSAGES = List.of("what is a trigger point?", "how often should I do this?",
            "is heat or ice better?", "what can you do?", "how long should I hold it?");

    private static final int WARM_UP_CONVERSATIONS = 400;
    private static final int WARM_UP_MESSAGES = 50;

    /** User messages already in each conversation when the timed turns start. */
    @Param({"5", "500"})
    public int messages;

    /** {@code sqlite} (the default store, in a fresh file) or {@code memory}. */
    @Param("sqlite")
    public String store;

    @Param("100")
    public int conversations;

    private Path folder;
    private Guide guide;
    private Engine engine;
    private final List<String> ids = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        folder = Files.createTempDirectory("knotwise-bench");
        String where = store.equals("sqlite") ? "sqlite:" + folder.resolve("knotwise.db") : store;
        guide = Guide.load(Settings.from(Map.of("KNOTWISE_STORE", where)));
        engine = guide.engine();
        // The same number of turns whatever the length, on conversations deleted afterwards, so that the compiler
        // has seen as much of the code at 5 messages as at 500 before anything is timed.
        for (int c = 0; c < WARM_UP_CONVERSATIONS; c++) {
            engine.delete(conversationOf(WARM_UP_MESSAGES));
        }
        for (int c = 0; c < conversations; c++) {
            ids.add(conversationOf(messages));
        }
    }

    /** A new conversation taken to this many user messages: a complaint, then questions. */
    private String conversationOf(int userMessages) {
        String id = engine.start("en-GB").conversationId();
        engine.handle(id, Input.text("my upper back is stiff"));
        for (int m = 1; m < userMessages; m++) {
            engine.handle(id, Input.text(MESSAGES.get(m % MESSAGES.size())));
        }
        return id;
    }

    @Benchmark
    public Turn turn() {
        String id = ids.get(next++ % ids.size());
        return engine.handle(id, Input.text(MESSAGES.get(next % MESSAGES.size())));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        guide.store().close();
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
