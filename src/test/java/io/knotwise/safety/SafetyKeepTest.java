package io.knotwise.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeping a set measured as written: the frozen test stays apart from everything that may be tuned on. */
class SafetyKeepTest {

    private static final String HEADER = "label\ttier\tstyle\ttext\n";

    @TempDir
    Path models;

    @Test
    void aLineThatRepeatsTheFrozenTestIsLeftOutOfTheKeptSet() throws IOException {
        Files.createDirectories(models.resolve(SafetyCommands.TEST));
        Files.createDirectories(models.resolve(SafetyCommands.UNSEEN));
        Files.writeString(models.resolve(SafetyCommands.TEST).resolve("a1.tsv"),
                HEADER + "none\tnone\tbenign\tmy back is stiff\n");
        Path written = models.resolve("written.tsv");
        Files.writeString(written, HEADER + "none\tnone\tbenign\tMy back is STIFF!\n"
                + "pregnancy\tcaution\tlay\t30 weeks along and my shoulders ache\n");

        String report = SafetyCommands.keep(models, "zz1", written);

        assertThat(report).contains("zz1: kept 1 lines").contains("dropped 1 repeating the frozen test");
        assertThat(Files.readString(models.resolve(SafetyCommands.UNSEEN).resolve("zz1.tsv")))
                .isEqualTo(HEADER + "pregnancy\tcaution\tlay\t30 weeks along and my shoulders ache\n");
    }
}
