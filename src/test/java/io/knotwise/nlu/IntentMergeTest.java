package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging a measured unseen set into the training data: held-out lines never enter it, nor repeats. */
class IntentMergeTest {

    @TempDir
    Path models;

    private void write(String file, String text) throws IOException {
        Path path = models.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void newLinesJoinTheirIntentUnderTheAuthorsNameAndHeldOutOrKnownLinesStayOut() throws IOException {
        write("intents/greet.txt", "hi\nhello\n");
        write("intents/out_of_scope.txt", "what is the weather\n");
        write("clinc150/greet.txt", "hey there\n");
        write("heldout/validation/greet.txt", "good morning\n");
        write("heldout/test/greet.txt", "howdy\n");
        write("heldout/clinc150_val.tsv", "intent\ttext\nout_of_scope\twhat time is it\n");
        write("heldout/unseen/u99.tsv", "intent\ttext\ngreet\tGood morning!\ngreet\thello\ngreet\thiya there\n"
                + "out_of_scope\tbook me a flight\nout_of_scope\tWhat time is it?\n");

        String report = NluCommands.merge(models, List.of(models.resolve("heldout/unseen/u99.tsv")));

        assertThat(report).contains("u99: merged 2 lines into 2 intents; dropped 2 held-out and 1 training repeats");
        assertThat(Files.readString(models.resolve("intents/greet.txt"))).isEqualTo("hi\nhello\n# u99: written from"
                + " CONTRACT.md alone by an author who never saw models/ (merged after its first measurement)\n"
                + "hiya there\n");
        assertThat(Files.readString(models.resolve("intents/out_of_scope.txt"))).endsWith("\nbook me a flight\n");
        assertThat(models.resolve("heldout/unseen/u99.tsv")).doesNotExist();
    }
}
