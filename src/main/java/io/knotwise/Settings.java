package io.knotwise;

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
 * @param channelState where messaging channels keep which user has which conversation, across restarts
 * @param conversations the folder of the embedded conversation store, or null to keep conversations in memory only
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
        Path channelState,
        Path conversations) {

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
                integer(env, "KNOTWISE_MAX_TEXT_LENGTH", 1000),
                env.getOrDefault("KNOTWISE_DEFAULT_LOCALE", "en-GB"),
                env.get("KNOTWISE_EMERGENCY_NUMBER"),
                Boolean.parseBoolean(env.getOrDefault("KNOTWISE_AUDIT_TEXT", "false")),
                Arrays.stream(env.getOrDefault("KNOTWISE_CORS_ORIGINS", "").split(","))
                        .map(String::strip).filter(o -> !o.isEmpty()).toList(),
                Path.of(env.getOrDefault("KNOTWISE_CHANNEL_STATE", "data/channels.properties")),
                conversationFolder(env.getOrDefault("KNOTWISE_CONVERSATIONS", "data/conversations")));
    }

    /** {@code memory} keeps conversations in memory only; anything else is the folder they are kept in. */
    private static Path conversationFolder(String setting) {
        return setting.equals("memory") ? null : Path.of(setting);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new KnotwiseException(name + " must be a whole number, was '" + value + "'");
        }
    }
}
