package io.knotwise.bench;

import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.engine.Engine;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Retained heap per idle conversation in the in-memory store: takes N conversations through the first turns of the
 * "walk" script (where a real user leaves one idle: greeting, area, onset, severity, tools, time), forces full GCs,
 * and divides the growth by N; extrapolates to a 512 MB heap and names the classes that dominate. {@code fill}
 * instead fills the heap given by -Xmx until 95% of it is live, as a cross-check. Run from the repository root:
 * {@code java -Xmx512m -cp target/bench/knotwise.jar io.knotwise.bench.MemoryBench [N | fill] [last-kind]}.
 */
public final class MemoryBench {

    private static final long MB = 1024 * 1024;
    private static final double FULL = 0.95;

    private MemoryBench() {
    }

    public static void main(String[] args) {
        // The warm-up's emergencies would flood the console with audit lines.
        System.setProperty("org.slf4j.simpleLogger.log.knotwise.audit", "warn");
        boolean fill = args.length > 0 && args[0].equals("fill");
        int count = args.length > 0 && !fill ? Integer.parseInt(args[0]) : 20_000;
        String lastKind = args.length > 1 ? args[1] : "time";
        Engine engine = Guide.load(Settings.from(Map.of("KNOTWISE_STORE", "memory",
                "KNOTWISE_MAX_CONVERSATIONS", String.valueOf(Integer.MAX_VALUE)))).engine();
        var scripts = ScriptLoader.load(ScriptLoader.DEFAULT);
        Script idle = scripts.stream().filter(s -> s.name().equals("walk")).findFirst().orElseThrow()
                .turnsOnly().until(lastKind);
        warmUp(engine, scripts);
        long baseline = usedAfterGc();
        var before = HeapHistogram.take();
        System.out.printf("baseline (models, dialogs, JIT-warm engine): %.1f MB live; max heap %d MB%n",
                baseline / (double) MB, Runtime.getRuntime().maxMemory() / MB);
        System.out.printf("each conversation: %d turns (%s), left idle%n", idle.lines().size(),
                String.join(", ", idle.lines().stream().map(Script.Line::kind).toList()));
        if (fill) {
            fill(engine, idle, baseline);
            return;
        }
        create(engine, idle, count);
        long used = usedAfterGc();
        double perConversation = (used - baseline) / (double) count;
        System.out.printf("%d idle conversations: %.1f MB live, %.0f bytes each%n", count, used / (double) MB,
                perConversation);
        System.out.printf("a 512 MB heap holds about %.0f idle conversations ((512 MB - %.1f MB baseline) / %.0f B)%n",
                (512 * MB - baseline) / perConversation, baseline / (double) MB, perConversation);
        System.out.println("bytes per conversation by class (the top 10):");
        HeapHistogram.take().minus(before).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(10)
                .forEach(e -> System.out.printf("  %8.0f  %s%n", e.getValue() / (double) count, e.getKey()));
    }

    /** Creates conversations until the live heap reaches 95% of the maximum, checking after each batch. */
    private static void fill(Engine engine, Script idle, long baseline) {
        long max = Runtime.getRuntime().maxMemory();
        long created = 0;
        long used = baseline;
        int batch = 5_000;
        while (used < FULL * max) {
            create(engine, idle, batch);
            created += batch;
            used = usedAfterGc();
            double each = (used - baseline) / (double) created;
            System.out.printf("  %d conversations: %.1f MB live (%.0f%% of max), %.0f bytes each%n", created,
                    used / (double) MB, 100.0 * used / max, each);
            batch = (int) Math.max(1_000, Math.min(50_000, (FULL * max - used) / each / 2));
        }
        System.out.printf("-Xmx%dm held %d idle conversations with %.0f%% of the heap live%n", max / MB, created,
                100.0 * used / max);
    }

    private static void create(Engine engine, Script idle, int count) {
        for (int i = 0; i < count; i++) {
            String id = engine.start("en-GB").conversationId();
            for (Script.Line line : idle.lines().subList(1, idle.lines().size())) {
                engine.handle(id, line.input());
            }
        }
    }

    /** Runs every script a few hundred times so that lazily built caches and JIT code exist before the baseline. */
    private static void warmUp(Engine engine, List<Script> scripts) {
        var users = new ScriptedUsers(engine, scripts, 100);
        for (int i = 0; i < 5_000; i++) {
            users.send(users.prepare(ScriptedUsers.ANY));
        }
        users.close();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
