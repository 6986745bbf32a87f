package io.knotwise.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {

    @Test
    void aRunningGuideLogsOneJsonObjectPerLineWithTheFormattedMessageOnly() {
        var err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // set by logback's SLF4J binding in a running guide
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            JsonLogging.configureJson(context, null);
            context.getLogger("io.knotwise.test").info("turn answered for {}", "abc");
        } finally {
            context.stop();
            System.setErr(original);
        }
        String line = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("{").endsWith("}").doesNotContain("\n")
                .contains("\"formattedMessage\":\"turn answered for abc\"").doesNotContain("\"arguments\"");
    }

    @Test
    void theRequestLogIsOffUnlessAskedForAndNoisyLibrariesAreKeptToWarnings() {
        var quiet = new LoggerContext();
        JsonLogging.configureJson(quiet, null);
        var asked = new LoggerContext();
        JsonLogging.configureJson(asked, "INFO");

        assertThat(quiet.getLogger("knotwise.http").getLevel()).isEqualTo(Level.OFF);
        assertThat(asked.getLogger("knotwise.http").getLevel()).isEqualTo(Level.INFO);
        assertThat(quiet.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
        quiet.stop();
        asked.stop();
    }
}
