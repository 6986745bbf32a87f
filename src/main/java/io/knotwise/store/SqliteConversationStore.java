package io.knotwise.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.Conversation;
import io.knotwise.engine.TranscriptEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: every conversation is a row of one SQLite file, its transcript rows of another table, so a
 * turn writes the small state and appends its own entries whatever the conversation's length. A turn returns once its
 * write is synced to disk, so a restart, a crash or a power cut loses nothing that was answered; one writer thread
 * commits what every turn in flight wrote together (group commit), and reads use a connection of their own, which
 * the write-ahead log lets read while the writer writes. Each channel user's link to their conversation is kept the
 * same way. Recent conversations are also kept in memory, so a turn reads no row. A conversation idle for longer than
 * the idle time is gone, and idle rows are deleted at start-up and then every minute. One process per file.
 * Thread-safe.
 */
public final class SqliteConversationStore implements Store {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** The layout this code writes ({@code PRAGMA user_version}); 0 is the one that kept the transcript in the body. */
    private static final int LAYOUT = 2;
    /** How much of the file is read through a memory map: address space, not memory; beyond it pages are copied. */
    private static final long MAPPED_BYTES = 1L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteConversationStore.class);

    private final Path file;
    private final Duration idle;
    private final Clock clock;
    private final SqliteWriter writer;
    /** The statements of every turn, prepared once, used only by the writer's thread. */
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement append;
    private final PreparedStatement forget;
    /** The connection that reads, used only while holding its lock. */
    private final Connection reader;
    private final Cache<String, Stored> recent;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "knotwise-sqlite-purge");
        thread.setDaemon(true);
        return thread;
    });

    /** @param cached how many recent conversations are also kept in memory */
    public SqliteConversationStore(Path file, Duration idle, long cached, Clock clock) {
        this.file = file;
        this.idle = idle;
        this.clock = clock;
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(idle)
                .maximumSize(cached)
                .ticker(() -> clock.millis() * 1_000_000)
                .scheduler(Scheduler.systemScheduler())
                .build();
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            SqliteLibrary.useCachedCopy();
            Connection writing = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = writing.createStatement()) {
                checkLayout(statement);
                statement.execute("PRAGMA journal_mode=WAL");
                // A commit is synced to disk before the turn is answered; group commit shares the sync.
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=2000");
                // A deleted or expired conversation is overwritten on disk, not just unlinked: it is health data.
                statement.execute("PRAGMA secure_delete=ON");
                mapped(statement);
                statement.execute("CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY,"
                        + " version INTEGER NOT NULL, saved_at INTEGER NOT NULL, body TEXT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS transcript (conversation_id TEXT NOT NULL,"
                        + " seq INTEGER NOT NULL, sender TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,"
                        + " at TEXT NOT NULL, PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID");
                statement.execute("CREATE TABLE IF NOT EXISTS channel_users (user TEXT PRIMARY KEY,"
                        + " conversation_id TEXT NOT NULL, saved_at INTEGER NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, saved_at INTEGER NOT "
                        + "NULL)");
                statement.execute("PRAGMA user_version=" + LAYOUT);
            }
            this.insert = writing.prepareStatement("INSERT INTO conversations (body, saved_at, id, version)"
                    + " VALUES (?, ?, ?, 1) ON CONFLICT (id) DO NOTHING");
            this.update = writing.prepareStatement("UPDATE conversations SET body = ?, saved_at = ?,"
                    + " version = version + 1 WHERE id = ? AND version = ?");
            this.append = writing.prepareStatement("INSERT OR REPLACE INTO transcript"
                    + " (conversation_id, seq, sender, kind, text, at) VALUES (?, ?, ?, ?, ?, ?)");
            this.forget = writing.prepareStatement("DELETE FROM transcript WHERE conversation_id = ? AND seq < ?");
            this.writer = new SqliteWriter(writing, "knotwise-sqlite-writer");
            this.reader = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = reader.createStatement()) {
                statement.execute("PRAGMA busy_timeout=2000");
                mapped(statement);
            }
            writer.write(connection -> {
                purgeIdle(connection);
                return null;
            }, done -> { });
        } catch (IOException | SQLException e) {
            throw new StoreUnavailableException("cannot use " + file + " for conversations: " + e.getMessage(), e);
        }
        long every = PURGE_EVERY.toMillis();
        purger.scheduleAtFixedRate(this::purgeIdleQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Pages are read through a memory map of the file rather than copied in by a system call each (23% of the writer's
     * CPU under load before); writes still go through the write-ahead log and its sync.
     */
    private static void mapped(Statement statement) throws SQLException {
        statement.execute("PRAGMA mmap_size=" + MAPPED_BYTES);
    }

    /** Files of an older layout are read as they are and rewritten conversation by conversation; newer ones refused. */
    private void checkLayout(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            int layout = row.next() ? row.getInt(1) : 0;
            if (layout > LAYOUT) {
                throw new SQLException("the file was written by a newer Knotwise (layout " + layout
                        + ", this one reads up to " + LAYOUT + ")");
            }
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        Stored cached = recent.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (reader) {
            // One read transaction, so the state and its transcript are of the same commit.
            try (Statement transaction = reader.createStatement()) {
                transaction.execute("BEGIN");
                try {
                    return read(id).map(stored -> keep(id, stored));
                } finally {
                    transaction.execute("COMMIT");
                }
            } catch (SQLException e) {
                throw unavailable("read conversation " + id, e);
            }
        }
    }

    private Optional<Stored> read(String id) throws SQLException {
        String body;
        long version;
        try (PreparedStatement select = reader.prepareStatement(
                "SELECT version, body FROM conversations WHERE id = ? AND saved_at >= ?")) {
            select.setString(1, id);
            select.setLong(2, cutoff());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                version = row.getLong(1);
                body = row.getString(2);
            }
        }
        var entries = new ArrayList<TranscriptEntry>();
        try (PreparedStatement select = reader.prepareStatement("SELECT sender, kind, text, at FROM transcript"
                + " WHERE conversation_id = ? ORDER BY seq")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(TranscriptEntry.of(List.of(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4))));
                }
            }
        }
        return Optional.of(new Stored(ConversationJson.read(id, body, entries), version));
    }

    /** Caches a conversation unless a newer version is cached already (a write may have overtaken a read). */
    private Stored keep(String id, Stored stored) {
        return recent.asMap().merge(id, stored, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        var saving = new Saving(conversation, version);
        try {
            return writer.write(saving::write, saving::committed);
        } catch (SQLException e) {
            throw unavailable("save conversation " + conversation.id(), e);
        }
    }

    /** Queued for the writer's next commit; the thread that asks is free while the commit is synced. */
    @Override
    public CompletableFuture<Boolean> saveAsync(Conversation conversation, long version) {
        var saving = new Saving(conversation, version);
        // The writer fails its own future with the work's exception as it is, not wrapped.
        return writer.submit(saving::write, saving::committed).exceptionallyCompose(error ->
                CompletableFuture.failedFuture(error instanceof SQLException sql
                        ? unavailable("save conversation " + conversation.id(), sql) : error));
    }

    /** One save: the state and the transcript entries not written yet, read on the thread that asks. */
    private final class Saving {

        private final Conversation conversation;
        private final long version;
        private final String body;
        private final Conversation.Unwritten unwritten;

        Saving(Conversation conversation, long version) {
            this.conversation = conversation;
            this.version = version;
            this.body = ConversationJson.write(conversation);
            this.unwritten = conversation.unwritten();
        }

        /** On the writer's thread, in the shared transaction: false when the version moved on. */
        boolean write(Connection connection) throws SQLException {
            String id = conversation.id();
            PreparedStatement write = version == 0 ? insert : update;
            write.setString(1, body);
            write.setLong(2, clock.millis());
            write.setString(3, id);
            if (version != 0) {
                write.setLong(4, version);
            }
            int written = write.executeUpdate();
            write.clearParameters(); // so the statement holds on to no conversation between turns
            if (written != 1) {
                return false;
            }
            long seq = unwritten.from();
            for (TranscriptEntry entry : unwritten.entries()) {
                append.setString(1, id);
                append.setLong(2, seq++);
                append.setString(3, entry.from());
                append.setString(4, entry.kind());
                append.setString(5, entry.text());
                append.setString(6, entry.at().toString());
                append.addBatch();
            }
            append.executeBatch();
            append.clearParameters();
            if (unwritten.forgets()) {
                forget.setString(1, id);
                forget.setLong(2, unwritten.oldest());
                forget.executeUpdate();
            }
            return true;
        }

        /** On the writer's thread in commit order, so the cache never ends up with an older version. */
        void committed(boolean saved) {
            if (saved) {
                conversation.written();
                keep(conversation.id(), new Stored(conversation, version + 1));
            }
        }
    }

    @Override
    public boolean delete(String id) {
        recent.invalidate(id);
        try {
            boolean existed = writer.write(connection -> {
                try (PreparedStatement entries = connection.prepareStatement(
                        "DELETE FROM transcript WHERE conversation_id = ?");
                     PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM conversations WHERE id = ? RETURNING saved_at >= ?")) {
                    entries.setString(1, id);
                    entries.executeUpdate();
                    delete.setString(1, id);
                    delete.setLong(2, cutoff());
                    try (ResultSet row = delete.executeQuery()) {
                        return row.next() && row.getBoolean(1);
                    }
                }
            }, done -> {
                // Under the reader's lock: a read that began before the delete cannot cache the row after it.
                synchronized (reader) {
                    recent.invalidate(id);
                }
            });
            // Old copies of the rows live on in the write-ahead log until it is checkpointed and truncated.
            writer.writeAlone(connection -> {
                try (Statement checkpoint = connection.createStatement()) {
                    return checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            });
            return existed;
        } catch (SQLException e) {
            throw unavailable("delete conversation " + id, e);
        }
    }

    @Override
    public long count() {
        synchronized (reader) {
            try (PreparedStatement count = reader.prepareStatement(
                    "SELECT COUNT(*) FROM conversations WHERE saved_at >= ?")) {
                count.setLong(1, cutoff());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            } catch (SQLException e) {
                throw unavailable("count conversations", e);
            }
        }
    }

    @Override
    public boolean claim(String key) {
        return changed("claim " + key, "INSERT INTO claims (key, saved_at) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at WHERE claims.saved_at < ?",
                key, clock.millis(), cutoff());
    }

    @Override
    public Optional<String> linked(String user) {
        synchronized (reader) {
            try (PreparedStatement select = reader.prepareStatement(
                    "SELECT conversation_id FROM channel_users WHERE user = ? AND saved_at >= ?")) {
                select.setString(1, user);
                select.setLong(2, cutoff());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw unavailable("read the conversation of " + user, e);
            }
        }
    }

    @Override
    public void link(String user, String conversationId) {
        changed("link " + user + " to a conversation", "INSERT INTO channel_users (user, conversation_id, saved_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (user) DO UPDATE"
                + " SET conversation_id = excluded.conversation_id, saved_at = excluded.saved_at",
                user, conversationId, clock.millis());
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        return changed("link " + user + " to a conversation", "INSERT INTO channel_users"
                + " (user, conversation_id, saved_at) VALUES (?, ?, ?) ON CONFLICT (user) DO UPDATE"
                + " SET conversation_id = excluded.conversation_id, saved_at = excluded.saved_at"
                + " WHERE channel_users.saved_at < ?", user, conversationId, clock.millis(), cutoff());
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        return changed("link " + user + " to a new conversation", "UPDATE channel_users"
                + " SET conversation_id = ?, saved_at = ? WHERE user = ? AND conversation_id = ?",
                conversationId, clock.millis(), user, expected);
    }

    @Override
    public void release(String key) {
        changed("release " + key, "DELETE FROM claims WHERE key = ?", key);
    }

    /** Runs one writing statement with these parameters; returns whether it changed exactly one row. */
    private boolean changed(String what, String sql, Object... parameters) {
        try {
            return writer.write(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setObject(i + 1, parameters[i]);
                    }
                    return statement.executeUpdate() == 1;
                }
            }, done -> { });
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    @Override
    public boolean ready() {
        synchronized (reader) {
            try {
                return reader.isValid(1);
            } catch (SQLException e) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        purger.shutdownNow();
        try {
            writer.close();
            synchronized (reader) {
                reader.close();
            }
        } catch (SQLException e) {
            throw unavailable("close " + file, e);
        }
    }

    private long cutoff() {
        return clock.millis() - idle.toMillis();
    }

    /** Every minute, with or without traffic: idle conversations leave the file when their time is up. */
    private void purgeIdleQuietly() {
        try {
            writer.write(connection -> {
                purgeIdle(connection);
                return null;
            }, done -> { });
        } catch (SQLException e) {
            LOG.warn("cannot delete idle conversations from {}: {}", file, e.getMessage());
        }
    }

    private void purgeIdle(Connection connection) throws SQLException {
        try (PreparedStatement entries = connection.prepareStatement("DELETE FROM transcript WHERE conversation_id"
                + " IN (SELECT id FROM conversations WHERE saved_at < ?)")) {
            entries.setLong(1, cutoff());
            entries.executeUpdate();
        }
        for (String table : new String[] {"conversations", "channel_users", "claims"}) {
            try (PreparedStatement purge = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE saved_at < ?")) {
                purge.setLong(1, cutoff());
                purge.executeUpdate();
            }
        }
    }

    private StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
    }
}
