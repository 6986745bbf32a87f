package io.knotwise.store;

import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.Conversation;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Conversations in Redis, so that any number of Knotwise instances serve the same conversations. Each is a hash
 * ({@code v}: version, {@code body}: JSON without the transcript) and a list of its transcript entries beside it,
 * both expired by Redis after the idle time; a save is one compare-and-set script on the version that updates the
 * hash and appends the turn's entries (dropping those beyond the cap), so a turn costs the same at any length and
 * concurrent turns on different instances never overwrite each other. Channel users'
 * links to their conversations are plain keys with the same expiry. When Redis is
 * down or slow, calls fail within the timeout with {@link StoreUnavailableException}, and the client reconnects by
 * itself. Thread-safe (one shared, pipelined connection).
 */
final class RedisConversationStore implements Store {

    private static final String PREFIX = "knotwise:conversation:";
    private static final String LINK = "knotwise:channel-user:";
    private static final String CLAIM = "knotwise:claim:";
    /** Every conversation id, scored by when it was last saved, to count those not yet expired. */
    private static final String INDEX = "knotwise:conversations";
    private static final String TRANSCRIPT = ":transcript";
    /**
     * Saves when the stored version (0 when absent) is still ARGV[1], appends the entries ARGV[7...] to the
     * transcript, keeps its newest ARGV[6], and indexes the conversation; returns 1 when it saved.
     */
    private static final String SAVE = """
            local current = redis.call('HGET', KEYS[1], 'v') or '0'
            if current ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 'body', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            if #ARGV > 6 then redis.call('RPUSH', KEYS[3], unpack(ARGV, 7)) end
            local keep = tonumber(ARGV[6])
            if keep == 0 then
                redis.call('DEL', KEYS[3])
            else
                redis.call('LTRIM', KEYS[3], -keep, -1)
                redis.call('PEXPIRE', KEYS[3], ARGV[3])
            end
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
            return 1
            """;
    /** The version, body and transcript entries of a conversation, read at once; empty when there is none. */
    private static final String FIND = """
            local fields = redis.call('HMGET', KEYS[1], 'v', 'body')
            if not fields[1] or not fields[2] then return {} end
            return {fields[1], fields[2], redis.call('LRANGE', KEYS[2], 0, -1)}
            """;

    /** Moves a link when it still points at ARGV[1]; returns 1 when it moved. */
    private static final String RELINK = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    private final String where;
    private final Duration idle;
    /** The longest wait between two attempts to reach Redis again. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** The least time a connection's handshake is given (see the constructor). */
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    /**
     * Connects now, failing fast when Redis cannot be reached at start-up.
     *
     * @param uri such as {@code redis://127.0.0.1:6379/0}
     * @param timeout how long a call may take before it counts as an outage
     */
    RedisConversationStore(String uri, Duration idle, Duration timeout) {
        this.idle = idle;
        RedisURI redisUri = RedisURI.create(uri);
        this.where = redisUri.getHost() + ":" + redisUri.getPort();
        // The URI's timeout bounds the handshake of every connection, the first included, whose cold start (the
        // client's classes and event loops, on a JVM loading its models) took more than a second on a busy 2-core
        // machine; calls still time out after `timeout` (the timeout options below).
        redisUri.setTimeout(timeout.compareTo(HANDSHAKE) > 0 ? timeout : HANDSHAKE);
        // Reconnect attempts back off from 20 ms to at most a second (Lettuce's default grows to 30 s, which kept the
        // guide answering 503 for half a minute after Redis came back).
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        try {
            this.connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw new StoreUnavailableException("cannot reach Redis at " + where + ": " + e.getMessage(), e);
        }
        this.redis = connection.sync();
    }

    @Override
    public Optional<Stored> find(String id) {
        try {
            List<Object> found = redis.eval(FIND, ScriptOutputType.MULTI, PREFIX + id, PREFIX + id + TRANSCRIPT);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked") List<String> entries = (List<String>) found.get(2);
            var transcript = entries.stream().map(entry -> ConversationJson.readEntry(id, entry)).toList();
            return Optional.of(new Stored(ConversationJson.read(id, (String) found.get(1), transcript),
                    Long.parseLong((String) found.get(0))));
        } catch (RedisException e) {
            throw unavailable("read conversation " + id, e);
        }
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        String id = conversation.id();
        Conversation.Unwritten unwritten = conversation.unwritten();
        var arguments = new ArrayList<>(List.of(Long.toString(version), ConversationJson.write(conversation),
                Long.toString(idle.toMillis()), Long.toString(System.currentTimeMillis()), id,
                Long.toString(conversation.recorded() - unwritten.oldest())));
        unwritten.entries().forEach(entry -> arguments.add(ConversationJson.writeEntry(entry)));
        try {
            Long saved = redis.eval(SAVE, ScriptOutputType.INTEGER,
                    new String[] {PREFIX + id, INDEX, PREFIX + id + TRANSCRIPT}, arguments.toArray(String[]::new));
            if (saved == null || saved != 1) {
                return false;
            }
            conversation.written();
            return true;
        } catch (RedisException e) {
            throw unavailable("save conversation " + conversation.id(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            redis.zrem(INDEX, id);
            return redis.del(PREFIX + id, PREFIX + id + TRANSCRIPT) > 0;
        } catch (RedisException e) {
            throw unavailable("delete conversation " + id, e);
        }
    }

    @Override
    public long count() {
        try {
            redis.zremrangebyscore(INDEX, Range.create(0, System.currentTimeMillis() - idle.toMillis()));
            return redis.zcard(INDEX);
        } catch (RedisException e) {
            throw unavailable("count conversations", e);
        }
    }

    @Override
    public boolean claim(String key) {
        try {
            return "OK".equals(redis.set(CLAIM + key, "1", SetArgs.Builder.nx().px(idle.toMillis())));
        } catch (RedisException e) {
            throw unavailable("claim " + key, e);
        }
    }

    @Override
    public Optional<String> linked(String user) {
        try {
            return Optional.ofNullable(redis.get(LINK + user));
        } catch (RedisException e) {
            throw unavailable("read the conversation of " + user, e);
        }
    }

    @Override
    public void link(String user, String conversationId) {
        try {
            redis.set(LINK + user, conversationId, SetArgs.Builder.px(idle.toMillis()));
        } catch (RedisException e) {
            throw unavailable("link " + user + " to a conversation", e);
        }
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        try {
            return "OK".equals(redis.set(LINK + user, conversationId, SetArgs.Builder.nx().px(idle.toMillis())));
        } catch (RedisException e) {
            throw unavailable("link " + user + " to a conversation", e);
        }
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        try {
            Long moved = redis.eval(RELINK, ScriptOutputType.INTEGER, new String[] {LINK + user}, expected,
                    conversationId, Long.toString(idle.toMillis()));
            return moved != null && moved == 1;
        } catch (RedisException e) {
            throw unavailable("link " + user + " to a new conversation", e);
        }
    }

    @Override
    public void release(String key) {
        try {
            redis.del(CLAIM + key);
        } catch (RedisException e) {
            throw unavailable("release " + key, e);
        }
    }

    @Override
    public boolean ready() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RedisException e) {
            return false;
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        resources.shutdown();
    }

    private StoreUnavailableException unavailable(String what, RedisException e) {
        return new StoreUnavailableException("cannot " + what + " in Redis at " + where + ": " + e.getMessage(), e);
    }
}
