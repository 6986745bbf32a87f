package io.knotwise;

import io.knotwise.engine.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every setting, each from a {@code KNOTWISE_} environment variable with a visible default. Immutable.
 *
 * @param emergencyNumber overrides the locale's emergency number when set, else null
 * @param auditText whether the red-flag audit records the message text too (off: it is health data)
 * @param corsOrigins the origins of other sites that may embed the widget and call the API ("*" for any)
 * @param store where conversations are kept: {@code sqlite:FILE} (the embedded default), {@code redis://HOST:PORT}
 *     (shared by many instances) or {@code memory} (this process only)
 * @param storeTimeout how long a call to Redis may take before the guide answers 503
 * @param rateLimitPerMinute API requests one client address may make a minute (0: no limit)
 * @param conversationRateLimitPerMinute messages one conversation may take a minute (0: no limit)
 * @param clientAddressHeader a trusted proxy's header naming the client address (such as X-Forwarded-For), or null
 *     to use the connection's address
 * @param shutdownGrace how long requests in flight may take to finish when the guide is stopped
 * @param httpThreads the most threads serving HTTP requests
 * @param transcriptCap how many transcript entries a conversation keeps (at least 10); the oldest leave first
 * @param trustedProxies the addresses (or CIDR ranges) of proxies whose {@code clientAddressHeader} is believed: the
 *     client is the rightmost address in it that is not one of them
 * @param bodyMinBytesPerSecond the slowest a request body may arrive; a slower one is cut off with a 408
 * @param bodyReadDeadline the longest a request body may take to arrive in full; a later one is cut off with a 408
 * @param idleTimeout how long a connection may send nothing before it is closed
 * @param connectionsPerAddress the most connections one client address may hold open at once
 * @param metricsToken the bearer token {@code /metrics} asks for, or null to serve it to this machine only
 */
public record Settings(
        String host,
        int port,
        Path dialogs,
        Path models,
        Duration conversationIdle,
        long maxConversations,
        int maxTextLength,
        String defaultLocale,
        String emergencyNumber,
        boolean auditText,
        List<String> corsOrigins,
        String store,
        Duration storeTimeout,
        int rateLimitPerMinute,
        int conversationRateLimitPerMinute,
        String clientAddressHeader,
        Duration shutdownGrace,
        int httpThreads,
        int transcriptCap,
        List<String> trustedProxies,
        int bodyMinBytesPerSecond,
        Duration bodyReadDeadline,
        Duration idleTimeout,
        int connectionsPerAddress,
        String metricsToken) {

    /** The longest message taken as a turn unless {@code KNOTWISE_MAX_TEXT_LENGTH} says otherwise. */
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1000;

    public Settings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static final int DEFAULT_PORT = 7070;

    /** Reads the settings from an environment such as {@link System#getenv()}. */
    public static Settings from(Map<String, String> env) {
        return new Settings(
                env.getOrDefault("KNOTWISE_HOST", "127.0.0.1"),
                integer(env, "KNOTWISE_PORT", DEFAULT_PORT),
                Path.of(env.getOrDefault("KNOTWISE_DIALOGS", "dialogs")),
                Path.of(env.getOrDefault("KNOTWISE_MODELS", "models")),
                Duration.ofMinutes(integer(env, "KNOTWISE_CONVERSATION_IDLE_MINUTES", 30)),
                integer(env, "KNOTWISE_MAX_CONVERSATIONS", 100_000),
                integer(env, "KNOTWISE_MAX_TEXT_LENGTH", DEFAULT_MAX_TEXT_LENGTH),
                env.getOrDefault("KNOTWISE_DEFAULT_LOCALE", "en-GB"),
                env.get("KNOTWISE_EMERGENCY_NUMBER"),
                Boolean.parseBoolean(env.getOrDefault("KNOTWISE_AUDIT_TEXT", "false")),
                Arrays.stream(env.getOrDefault("KNOTWISE_CORS_ORIGINS", "").split(","))
                        .map(String::strip).filter(o -> !o.isEmpty()).toList(),
                env.getOrDefault("KNOTWISE_STORE", "sqlite:data/knotwise.db"),
                Duration.ofMillis(integer(env, "KNOTWISE_STORE_TIMEOUT_MS", 1000)),
                integer(env, "KNOTWISE_RATE_LIMIT_PER_MINUTE", 120),
                integer(env, "KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", 30),
                env.get("KNOTWISE_CLIENT_ADDRESS_HEADER"),
                Duration.ofSeconds(integer(env, "KNOTWISE_SHUTDOWN_GRACE_SECONDS", 10)),
                Math.max(8, integer(env, "KNOTWISE_HTTP_THREADS", 16)),
                Math.max(10, integer(env, "KNOTWISE_TRANSCRIPT_CAP", Engine.DEFAULT_TRANSCRIPT_CAP)),
                Arrays.stream(env.getOrDefault("KNOTWISE_TRUSTED_PROXIES", "127.0.0.1,::1").split(","))
                        .map(String::strip).filter(p -> !p.isEmpty()).toList(),
                Math.max(1, integer(env, "KNOTWISE_BODY_MIN_BYTES_PER_SECOND", 256)),
                Duration.ofSeconds(Math.max(1, integer(env, "KNOTWISE_BODY_READ_SECONDS", 20))),
                Duration.ofSeconds(Math.max(1, integer(env, "KNOTWISE_IDLE_TIMEOUT_SECONDS", 10))),
                Math.max(1, integer(env, "KNOTWISE_CONNECTIONS_PER_ADDRESS", 32)),
                blankToNull(env.get("KNOTWISE_METRICS_TOKEN")));
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
