package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.engine.Engine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of one {@code Engine.read} (what {@code POST /api/v1/parse} does) on one thread, over the messages of
 * {@code bench/parse.tsv} in turn: rounds of three seconds, each printing the microseconds of CPU per read. CPU time of
 * the thread, not wall time, so other work on the machine shows less; compare the fastest of the later rounds.
 *
 * <pre>java -cp target/bench/knotwise.jar io.knotwise.bench.ReadCpu [ROUNDS]</pre>
 */
public final class ReadCpu {

    private static final long ROUND_NANOS = 3_000_000_000L;

    private ReadCpu() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Guide guide = Guide.load(Settings.from(Map.of("KNOTWISE_STORE", "memory")));
        Engine engine = guide.engine();
        List<String> texts = ScriptLoader.load(Path.of("bench", "parse.tsv")).stream()
                .flatMap(script -> script.lines().stream()).filter(line -> line.kind().equals(Script.PARSE))
                .map(Script.Line::message).toList();
        var cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long start = cpu.getCurrentThreadCpuTime();
            long end = System.nanoTime() + ROUND_NANOS;
            int reads = 0;
            while (System.nanoTime() < end) {
                for (String text : texts) {
                    engine.read(text);
                    reads++;
                }
            }
            System.out.printf("round %d: %.1f us of CPU per read (%d reads)%n", round,
                    (cpu.getCurrentThreadCpuTime() - start) / 1e3 / reads, reads);
        }
        guide.store().close();
    }
}
