package io.knotwise;

import io.knotwise.engine.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every setting, grouped by what it is for, each read from a {@code KNOTWISE_} environment variable whose default is
 * written beside it in the group's {@code from}. Immutable.
 */
public record Settings(Server server, Content content, Conversations conversations, Safety safety, Limits limits) {

    /** The longest message taken as a turn unless {@code KNOTWISE_MAX_TEXT_LENGTH} says otherwise. */
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1000;
    public static final int DEFAULT_PORT = 7070;

    /** Reads the settings from an environment such as {@link System#getenv()}. */
    public static Settings from(Map<String, String> env) {
        return new Settings(Server.from(env), Content.from(env), Conversations.from(env), Safety.from(env),
                Limits.from(env));
    }

    /**
     * The HTTP server.
     *
     * @param threads the most threads serving HTTP requests
     * @param shutdownGrace how long requests in flight may take to finish when the guide is stopped
     * @param idleTimeout how long a connection may send nothing before it is closed
     * @param corsOrigins the origins of other sites that may embed the widget and call the API ("*" for any)
     * @param metricsToken the bearer token {@code /metrics} asks for, or null to serve it to this machine only
     * @param warmUpReads how many made-up messages the server reads once the models have loaded, before {@code
     *     /ready} says ready (0: none)
     */
    public record Server(String host, int port, int threads, Duration shutdownGrace, Duration idleTimeout,
                         List<String> corsOrigins, String metricsToken, int warmUpReads) {

        public Server {
            corsOrigins = List.copyOf(corsOrigins);
        }

        static Server from(Map<String, String> env) {
            return new Server(env.getOrDefault("KNOTWISE_HOST", "127.0.0.1"),
                    integer(env, "KNOTWISE_PORT", DEFAULT_PORT),
                    Math.max(8, integer(env, "KNOTWISE_HTTP_THREADS", 16)),
                    Duration.ofSeconds(integer(env, "KNOTWISE_SHUTDOWN_GRACE_SECONDS", 10)),
                    Duration.ofSeconds(Math.max(1, integer(env, "KNOTWISE_IDLE_TIMEOUT_SECONDS", 10))),
                    list(env, "KNOTWISE_CORS_ORIGINS", ""),
                    blankToNull(env.get("KNOTWISE_METRICS_TOKEN")),
                    Math.max(0, integer(env, "KNOTWISE_WARMUP_READS", 40_000)));
        }
    }

    /** Where the guide's data is: {@code dialogs/} (what it says and does) and {@code models/} (what it learned). */
    public record Content(Path dialogs, Path models) {

        static Content from(Map<String, String> env) {
            return new Content(Path.of(env.getOrDefault("KNOTWISE_DIALOGS", "dialogs")),
                    Path.of(env.getOrDefault("KNOTWISE_MODELS", "models")));
        }
    }

    /**
     * Conversations and where they are kept.
     *
     * @param idle how long a conversation is kept after its last message
     * @param max the most conversations kept at once
     * @param transcriptCap how many transcript entries a conversation keeps (at least 10); the oldest leave first
     * @param store where conversations are kept: {@code sqlite:FILE} (the embedded default), {@code redis://HOST:PORT}
     *     (shared by many instances) or {@code memory} (this process only)
     * @param storeTimeout how long a call to Redis may take before the guide answers 503
     */
    public record Conversations(Duration idle, long max, int maxTextLength, String defaultLocale, int transcriptCap,
                                String store, Duration storeTimeout) {

        static Conversations from(Map<String, String> env) {
            return new Conversations(Duration.ofMinutes(integer(env, "KNOTWISE_CONVERSATION_IDLE_MINUTES", 30)),
                    integer(env, "KNOTWISE_MAX_CONVERSATIONS", 100_000),
                    integer(env, "KNOTWISE_MAX_TEXT_LENGTH", DEFAULT_MAX_TEXT_LENGTH),
                    env.getOrDefault("KNOTWISE_DEFAULT_LOCALE", "en-GB"),
                    Math.max(10, integer(env, "KNOTWISE_TRANSCRIPT_CAP", Engine.DEFAULT_TRANSCRIPT_CAP)),
                    env.getOrDefault("KNOTWISE_STORE", "sqlite:data/knotwise.db"),
                    Duration.ofMillis(integer(env, "KNOTWISE_STORE_TIMEOUT_MS", 1000)));
        }
    }

    /**
     * The red-flag screen's settings.
     *
     * @param emergencyNumber overrides the locale's emergency number when set, else null
     * @param auditText whether the red-flag audit records the message text too (off: it is health data)
     */
    public record Safety(String emergencyNumber, boolean auditText) {

        static Safety from(Map<String, String> env) {
            return new Safety(env.get("KNOTWISE_EMERGENCY_NUMBER"),
                    Boolean.parseBoolean(env.getOrDefault("KNOTWISE_AUDIT_TEXT", "false")));
        }
    }

    /**
     * What one client may take.
     *
     * @param perAddressPerMinute API requests one client address may make a minute (0: no limit)
     * @param perConversationPerMinute messages one conversation may take a minute (0: no limit)
     * @param clientAddressHeader a trusted proxy's header naming the client address (such as X-Forwarded-For), or
     *     null to use the connection's address
     * @param trustedProxies the addresses (or CIDR ranges) of proxies whose {@code clientAddressHeader} is believed:
     *     the client is the rightmost address in it that is not one of them
     * @param bodyMinBytesPerSecond the slowest a request body may arrive; a slower one is cut off with a 408
     * @param bodyReadDeadline the longest a request body may take to arrive in full; a later one is cut off with a 408
     * @param connectionsPerAddress the most connections one client address may hold open at once
     */
    public record Limits(int perAddressPerMinute, int perConversationPerMinute, String clientAddressHeader,
                         List<String> trustedProxies, int bodyMinBytesPerSecond, Duration bodyReadDeadline,
                         int connectionsPerAddress) {

        public Limits {
            trustedProxies = List.copyOf(trustedProxies);
        }

        static Limits from(Map<String, String> env) {
            return new Limits(integer(env, "KNOTWISE_RATE_LIMIT_PER_MINUTE", 120),
                    integer(env, "KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", 30),
                    env.get("KNOTWISE_CLIENT_ADDRESS_HEADER"),
                    list(env, "KNOTWISE_TRUSTED_PROXIES", "127.0.0.1,::1"),
                    Math.max(1, integer(env, "KNOTWISE_BODY_MIN_BYTES_PER_SECOND", 256)),
                    Duration.ofSeconds(Math.max(1, integer(env, "KNOTWISE_BODY_READ_SECONDS", 20))),
                    Math.max(1, integer(env, "KNOTWISE_CONNECTIONS_PER_ADDRESS", 32)));
        }
    }

    /** A comma-separated list, each item trimmed, empty ones left out. */
    private static List<String> list(Map<String, String> env, String name, String fallback) {
        return Arrays.stream(env.getOrDefault(name, fallback).split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).toList();
    }

    /** A secret as read from the environment: trimmed (a mounted file often ends with a newline), null when blank. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
