package io.knotwise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.KnotwiseException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.ConversationStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteConversationStoreTest extends ConversationStoreContract {

    private final FakeTime time = new FakeTime();
    @TempDir
    Path folder;

    @Override
    protected Store open(Duration idle) {
        return new SqliteConversationStore(folder.resolve("knotwise.db"), idle, 1000, time);
    }

    @Override
    protected Store reopen(Duration idle) {
        return open(idle);
    }

    @Override
    protected void pass(Duration duration) {
        time.pass(duration);
    }

    @Test
    void theDriversNativeLibraryIsLoadedFromOneCopyKeptInTheCacheFolder() throws Exception {
        open(Duration.ofMinutes(30)).close();

        Path library = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
        assertThat(library.getParent().getFileName().toString()).startsWith("sqlite-jdbc-" + SQLiteJDBCLoader
                .getVersion());
        try (InputStream original = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(library)).isEqualTo(original.readAllBytes());
        }
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

    private String bytesOfTheDatabaseFiles() throws IOException {
        var all = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
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

    @Test
    void aFileOfTheLayoutThatKeptTheTranscriptInsideIsReadAndRewrittenTheNewWay() throws Exception {
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("knotwise.db"));
             Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE conversations (id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                    + " saved_at INTEGER NOT NULL, body TEXT NOT NULL)");
            statement.execute("INSERT INTO conversations VALUES ('c1', 3, " + time.millis() + ", '"
                    + OLD_BODY.replace("'", "''") + "')");
        }

        Store store = store(Duration.ofMinutes(30));
        var found = store.find("c1").orElseThrow();
        store.save(found.conversation(), found.version());

        var again = open(Duration.ofMinutes(30)).find("c1").orElseThrow();
        assertThat(again.version()).isEqualTo(4);
        assertThat(again.conversation().transcript()).extracting(e -> e.text())
                .containsExactly("Hi, I'm Knotwise.", "knots between my shoulder blades");
        assertThat(rows("SELECT body FROM conversations")).doesNotContain("knots between");
        assertThat(rows("SELECT text FROM transcript ORDER BY seq"))
                .isEqualTo("Hi, I'm Knotwise.|knots between my shoulder blades");
    }

    @Test
    void aFileWrittenByANewerVersionIsRefusedAtStartUp() throws Exception {
        try (Connection newer = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("knotwise.db"));
             Statement statement = newer.createStatement()) {
            statement.execute("PRAGMA user_version=99");
        }

        assertThatThrownBy(() -> open(Duration.ofMinutes(30)))
                .isInstanceOf(KnotwiseException.class).hasMessageContaining("newer Knotwise");
    }

    /** A conversation as the layout before the transcript table wrote it: its transcript inside the body. */
    private static final String OLD_BODY = """
            {"id": "c1", "locale": "en-GB", "created_at": "2026-11-22T10:00:00Z", "node": "ask_onset",
             "slots": {"area": "between_shoulder_blades"}, "skipped": [], "tier": null, "flags": {}, "plan": [],
             "plan_index": 0, "step": 0, "attempts": 0, "pending": null, "resume": null, "last_messages": [],
             "last_quick_replies": [], "transcript": [["guide", "text", "Hi, I'm Knotwise.", "2026-11-22T10:00:00Z"],
             ["user", "text", "knots between my shoulder blades", "2026-11-22T10:00:01Z"]]}""";

    /** Every value of the query's first column, joined by "|". */
    private String rows(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("knotwise.db"));
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            var values = new ArrayList<String>();
            while (row.next()) {
                values.add(row.getString(1));
            }
            return String.join("|", values);
        }
    }

    @Test
    void aSaveAskedOfAClosedStoreFailsAsUnavailableWithoutThrowingAtOnce() {
        Store store = open(Duration.ofMinutes(30));
        store.close();

        var saved = store.saveAsync(ConversationStoreContract.conversation("c1", "ask_onset"), 0);

        assertThatThrownBy(saved::join).hasCauseInstanceOf(StoreUnavailableException.class);
    }
}
