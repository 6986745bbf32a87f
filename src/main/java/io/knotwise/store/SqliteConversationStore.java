package io.knotwise.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.knotwise.KnotwiseException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.Conversation;
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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: every conversation is a row of one SQLite file, written on every turn, so a restart (or a
 * crash) loses nothing that was answered; so is each channel user's link to their conversation. The file is in WAL
 * mode and used through one connection; recent conversations are also kept in memory, so a turn reads no row. A
 * conversation idle for longer than the idle time is gone, and idle rows are deleted at start-up and then every
 * minute. One process per file. Thread-safe.
 */
public final class SqliteConversationStore implements Store {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(SqliteConversationStore.class);

    private final Path file;
    private final Duration idle;
    private final Clock clock;
    private final Connection connection;
    /** The statements of every turn, prepared once: used, like the connection, only while holding its lock. */
    private final PreparedStatement insert;
    private final PreparedStatement update;
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
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=2000");
                // A deleted or expired conversation is overwritten on disk, not just unlinked: it is health data.
                statement.execute("PRAGMA secure_delete=ON");
                statement.execute("CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY,"
                        + " version INTEGER NOT NULL, saved_at INTEGER NOT NULL, body TEXT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS channel_users (user TEXT PRIMARY KEY,"
                        + " conversation_id TEXT NOT NULL, saved_at INTEGER NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, saved_at INTEGER NOT NULL)");
            }
            this.insert = connection.prepareStatement("INSERT INTO conversations (body, saved_at, id, version)"
                    + " VALUES (?, ?, ?, 1) ON CONFLICT (id) DO NOTHING");
            this.update = connection.prepareStatement("UPDATE conversations SET body = ?, saved_at = ?,"
                    + " version = version + 1 WHERE id = ? AND version = ?");
            purgeIdle();
        } catch (IOException | SQLException e) {
            throw new KnotwiseException("cannot use " + file + " for conversations: " + e.getMessage(), e);
        }
        long every = PURGE_EVERY.toMillis();
        purger.scheduleAtFixedRate(this::purgeIdleQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<Stored> find(String id) {
        Stored cached = recent.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        synchronized (connection) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version, body FROM conversations WHERE id = ? AND saved_at >= ?")) {
                select.setString(1, id);
                select.setLong(2, cutoff());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    var stored = new Stored(ConversationJson.read(id, row.getString(2)), row.getLong(1));
                    recent.put(id, stored);
                    return Optional.of(stored);
                }
            } catch (SQLException e) {
                throw unavailable("read conversation " + id, e);
            }
        }
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        String body = ConversationJson.write(conversation);
        synchronized (connection) {
            try {
                PreparedStatement write = version == 0 ? insert : update;
                write.setString(1, body);
                write.setLong(2, clock.millis());
                write.setString(3, conversation.id());
                if (version != 0) {
                    write.setLong(4, version);
                }
                int written = write.executeUpdate();
                write.clearParameters(); // so the statement holds on to no conversation between turns
                if (written != 1) {
                    return false;
                }
            } catch (SQLException e) {
                throw unavailable("save conversation " + conversation.id(), e);
            }
            // Under the lock, so the cache never holds an older version than the file.
            recent.put(conversation.id(), new Stored(conversation, version + 1));
            return true;
        }
    }

    @Override
    public boolean delete(String id) {
        synchronized (connection) {
            recent.invalidate(id);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM conversations WHERE id = ? RETURNING saved_at >= ?");
                 Statement checkpoint = connection.createStatement()) {
                delete.setString(1, id);
                delete.setLong(2, cutoff());
                boolean existed;
                try (ResultSet row = delete.executeQuery()) {
                    existed = row.next() && row.getBoolean(1);
                }
                // Old copies of the row live on in the write-ahead log until it is checkpointed and truncated.
                checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                return existed;
            } catch (SQLException e) {
                throw unavailable("delete conversation " + id, e);
            }
        }
    }

    @Override
    public long count() {
        synchronized (connection) {
            try (PreparedStatement count = connection.prepareStatement(
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
        synchronized (connection) {
            try (PreparedStatement claim = connection.prepareStatement("INSERT INTO claims (key, saved_at)"
                    + " VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET saved_at = excluded.saved_at"
                    + " WHERE claims.saved_at < ?")) {
                claim.setString(1, key);
                claim.setLong(2, clock.millis());
                claim.setLong(3, cutoff());
                return claim.executeUpdate() == 1;
            } catch (SQLException e) {
                throw unavailable("claim " + key, e);
            }
        }
    }

    @Override
    public Optional<String> linked(String user) {
        synchronized (connection) {
            try (PreparedStatement select = connection.prepareStatement(
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
        synchronized (connection) {
            try (PreparedStatement write = connection.prepareStatement("INSERT INTO channel_users"
                    + " (user, conversation_id, saved_at) VALUES (?, ?, ?) ON CONFLICT (user) DO UPDATE"
                    + " SET conversation_id = excluded.conversation_id, saved_at = excluded.saved_at")) {
                write.setString(1, user);
                write.setString(2, conversationId);
                write.setLong(3, clock.millis());
                write.executeUpdate();
            } catch (SQLException e) {
                throw unavailable("link " + user + " to a conversation", e);
            }
        }
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        synchronized (connection) {
            try (PreparedStatement write = connection.prepareStatement("INSERT INTO channel_users"
                    + " (user, conversation_id, saved_at) VALUES (?, ?, ?) ON CONFLICT (user) DO UPDATE"
                    + " SET conversation_id = excluded.conversation_id, saved_at = excluded.saved_at"
                    + " WHERE channel_users.saved_at < ?")) {
                write.setString(1, user);
                write.setString(2, conversationId);
                write.setLong(3, clock.millis());
                write.setLong(4, cutoff());
                return write.executeUpdate() == 1;
            } catch (SQLException e) {
                throw unavailable("link " + user + " to a conversation", e);
            }
        }
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        synchronized (connection) {
            try (PreparedStatement write = connection.prepareStatement("UPDATE channel_users"
                    + " SET conversation_id = ?, saved_at = ? WHERE user = ? AND conversation_id = ?")) {
                write.setString(1, conversationId);
                write.setLong(2, clock.millis());
                write.setString(3, user);
                write.setString(4, expected);
                return write.executeUpdate() == 1;
            } catch (SQLException e) {
                throw unavailable("link " + user + " to a new conversation", e);
            }
        }
    }

    @Override
    public void release(String key) {
        synchronized (connection) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM claims WHERE key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            } catch (SQLException e) {
                throw unavailable("release " + key, e);
            }
        }
    }

    @Override
    public boolean ready() {
        synchronized (connection) {
            try {
                return connection.isValid(1);
            } catch (SQLException e) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        purger.shutdownNow();
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw unavailable("close " + file, e);
            }
        }
    }

    private long cutoff() {
        return clock.millis() - idle.toMillis();
    }

    /** Every minute, with or without traffic: idle conversations leave the file when their time is up. */
    private void purgeIdleQuietly() {
        synchronized (connection) {
            try {
                purgeIdle();
            } catch (SQLException e) {
                LOG.warn("cannot delete idle conversations from {}: {}", file, e.getMessage());
            }
        }
    }

    private void purgeIdle() throws SQLException {
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
