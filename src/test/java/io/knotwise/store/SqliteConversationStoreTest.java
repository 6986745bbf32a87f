package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.engine.ConversationStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreContract {

    private final FakeTime time = new FakeTime();
    @TempDir
    Path folder;

    @Override
    protected Store open(Duration idle) {
        return new SqliteConversationStore(folder.resolve("knotwise.db"), idle, 1000, time);
    }

    @Override
    protected void pass(Duration duration) {
        time.pass(duration);
    }

    @Test
    void aConversationOutlivesTheProcessThatSavedIt() {
        ConversationStore before = open(Duration.ofMinutes(30));
        before.save(conversation("c1", "ask_onset"), 0);
        before.save(conversation("c1", "ask_severity"), 1);
        before.close();

        var found = store(Duration.ofMinutes(30)).find("c1").orElseThrow();

        assertThat(found.version()).isEqualTo(2);
        assertThat(found.conversation().node()).isEqualTo("ask_severity");
    }

    @Test
    void aDeletedConversationLeavesNoTraceOfItsWordsInTheFiles() throws Exception {
        ConversationStore store = store(Duration.ofMinutes(30));
        for (int version = 0; version < 5; version++) {
            store.save(conversation("c1", "ask_onset"), version);
        }
        assertThat(bytesOfTheDatabaseFiles()).contains("knots between my shoulder blades");

        store.delete("c1");

        assertThat(bytesOfTheDatabaseFiles()).doesNotContain("knots between my shoulder blades");
    }

    private String bytesOfTheDatabaseFiles() throws java.io.IOException {
        var all = new StringBuilder();
        try (var files = java.nio.file.Files.list(folder)) {
            for (Path file : files.toList()) {
                all.append(new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void aConversationThatWentIdleWhileTheGuideWasDownIsErasedFromTheFile() {
        ConversationStore before = open(Duration.ofMinutes(30));
        before.save(conversation("c1", "ask_onset"), 0);
        before.close();
        time.pass(Duration.ofMinutes(31));

        store(Duration.ofMinutes(30));

        time.pass(Duration.ofMinutes(-31));
        assertThat(store(Duration.ofMinutes(30)).find("c1")).isEmpty();
    }
}
