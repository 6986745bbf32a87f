package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.engine.Turn;
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
 * One conversation turn in-process (red-flag screen, NLU, dialog, in-memory store), mid-conversation: a pool of
 * scripted users ({@code bench/conversations.tsv}) each goes through realistic sessions, and only the turns of the
 * chosen kind are timed ({@code any}: every turn, in script order). Sample mode: JMH prints the median (p0.50) and
 * tail per turn in microseconds. The red-flag audit log goes to a file, as a server's would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.logFile=target/bench/turn-benchmark.log")
public class TurnBenchmark {

    @Param({"any", "start", "area", "onset", "severity", "tools", "time", "checklist", "pick", "next", "question",
        "timer", "feedback", "goodbye", "vague_flag", "flag_denied", "emergency", "escalated"})
    public String kind;

    /** Users, so conversations, in the store at once; each turn goes to the next user in the pool. */
    @Param("1000")
    public int users;

    private ScriptedUsers pool;
    private ScriptedUsers.User user;

    @Setup(Level.Trial)
    public void load() {
        var engine = Guide.load(Settings.from(Map.of("KNOTWISE_STORE", "memory"))).engine();
        pool = new ScriptedUsers(engine, ScriptLoader.load(ScriptLoader.DEFAULT), users);
        if (!pool.knows(kind)) {
            throw new IllegalArgumentException("no script in " + ScriptLoader.DEFAULT + " has a turn of kind " + kind);
        }
    }

    @Setup(Level.Invocation)
    public void prepare() {
        user = pool.prepare(kind);
    }

    @Benchmark
    public Turn turn() {
        return pool.send(user);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }
}
