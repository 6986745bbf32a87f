package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.content.ContentLoader;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.Screening;
import java.nio.file.Path;
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
 * The red-flag screen alone, as every message gets it (rules, ConText, concepts and the learned second opinion), on
 * the real dialogs and model: the budget is a median of 50 us for a 20-word message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScreenBenchmark {

    @Param({
        // 20 words each: an ordinary message, a lay emergency, a negated checklist, someone else's history
        "my traps are rock hard after a long week at the desk and I only have a tennis ball and ten minutes",
        "since this morning I cannot finish a sentence without stopping for air and my back stabs on every breath",
        "chest pain no, breathless no, numbness no, fever no, pregnant no, blood thinners no, just a stiff upper back",
        "my brother had a stroke last year and my aunt has scoliosis but I just have a knot under my shoulder"
    })
    public String text;

    private RedFlagDetector detector;

    @Setup
    public void load() {
        Settings settings = Settings.from(Map.of());
        var book = ContentLoader.load(settings.content().dialogs());
        Path models = settings.content().models();
        detector = Guide.detector(book, models, Guide.knownWords(new NluDataLoader(models)));
    }

    @Benchmark
    public Screening screen() {
        return detector.screen(text, false);
    }
}
