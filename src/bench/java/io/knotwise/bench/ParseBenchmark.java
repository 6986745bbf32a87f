package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.engine.Engine;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code POST /api/v1/parse} does in-process: intent ranking, entities and the red-flag screen, on the real
 * models and dialogs. Sample mode, so JMH prints the median (p0.50) and tail of one call in microseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    @Param({
        "how do I release knots between my shoulder blades",
        "next",
        "my traps are rock hard after work, maybe a 7/10, I have a tennis ball and ten minutes",
        "no chest pain at all, but is it safe to use a massage gun if I'm on warfarin?"
    })
    public String text;

    private Engine engine;

    @Setup
    public void load() {
        engine = Guide.load(Settings.from(Map.of())).engine();
    }

    @Benchmark
    public Engine.Reading parse() {
        return engine.read(text);
    }
}
