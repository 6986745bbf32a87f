package io.knotwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the arrows honest: each library lives in one home, and the engine is plain Java. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/knotwise");

    @Test
    void javalinIsImportedOnlyByChannelsAndTheFrontDoor() throws IOException {
        assertThat(importersOf("io.javalin")).allMatch(f -> f.startsWith("channel/") || frontDoor(f));
    }

    @Test
    void openNlpIsImportedOnlyByTheNluPackage() throws IOException {
        assertThat(importersOf("opennlp.")).isNotEmpty().allMatch(f -> f.startsWith("nlu/"));
    }

    @Test
    void jacksonIsImportedOnlyByLoadersStoresAndChannels() throws IOException {
        assertThat(importersOf("com.fasterxml.jackson")).isNotEmpty().allMatch(f -> f.startsWith("channel/")
                || f.startsWith("store/") || f.equals("content/ContentLoader.java")
                || f.equals("content/FileFormats.java") || f.equals("nlu/NluDataLoader.java"));
    }

    @Test
    void redisAndSqlAreImportedOnlyByTheStores() throws IOException {
        assertThat(importersOf("io.lettuce")).isNotEmpty().allMatch(f -> f.startsWith("store/"));
        assertThat(importersOf("java.sql")).isNotEmpty().allMatch(f -> f.startsWith("store/"));
    }

    @Test
    void metricsLiveInMonitoringAndTheHttpLayerAndRateLimitsInTheHttpLayer() throws IOException {
        assertThat(importersOf("io.micrometer")).isNotEmpty().allMatch(f -> f.startsWith("monitoring/")
                || f.startsWith("channel/http/") || frontDoor(f));
        assertThat(importersOf("io.github.bucket4j")).containsExactly("channel/http/RateLimits.java");
        // Code logs through SLF4J; only the one place that sets logging up knows it is logback.
        assertThat(importersOf("ch.qos.logback")).containsExactly("monitoring/JsonLogging.java");
    }

    @Test
    void theEngineImportsNoFrameworkAtAll() throws IOException {
        var engine = new ArrayList<String>();
        for (String library : List.of("io.javalin", "opennlp.", "com.fasterxml.jackson", "io.lettuce", "java.sql",
                "io.micrometer")) {
            engine.addAll(importersOf(library).stream().filter(f -> f.startsWith("engine/")).toList());
        }
        assertThat(engine).isEmpty();
    }

    @Test
    void noLayerBelowTheChannelsKnowsAboutThem() throws IOException {
        assertThat(importersOf("io.knotwise.channel")).allMatch(f -> f.startsWith("channel/") || frontDoor(f));
    }

    @Test
    void namesAreImportedNotWrittenOutInFull() throws IOException {
        // "java.util.Arrays.setAll(...)" or "@com.fasterxml.jackson.annotation.JsonProperty" inline would slip past the
        // import rules above; a qualified name is allowed only where two classes share a simple name.
        var inline = Pattern
                .compile("(?<![\\w.\"/])(?:java|javax|io|org|com)\\.[a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*\\.[A-Z]\\w*");
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                read(file).lines().filter(l -> !l.startsWith("import ") && !l.startsWith("package ")
                                && !l.trim().startsWith("*") && !l.trim().startsWith("/"))
                        .filter(l -> inline.matcher(l).find())
                        .forEach(l -> found.add(SOURCES.relativize(file) + ": " + l.trim()));
            }
        }
        assertThat(found).isEmpty();
    }

    /** Where the guide is wired and its commands run: the only code that sees every layer. */
    private static boolean frontDoor(String file) {
        return file.equals("Main.java") || file.equals("Guide.java") || file.startsWith("cli/");
    }

    private static List<String> importersOf(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).lines().anyMatch(l -> l.startsWith("import " + prefix)
                            || l.startsWith("import static " + prefix)))
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
