package io.knotwise.channel.telegram;

import io.knotwise.ConfigurationException;
import java.util.Map;
import java.util.Optional;

/**
 * The Telegram channel's settings: the bot token, the webhook's secret token and the Bot API's base URL. Off unless
 * both secrets are set. Immutable; {@link #toString()} never shows a secret.
 */
public record TelegramSettings(String botToken, String secretToken, String apiBase) {

    public static final String DEFAULT_API_BASE = "https://api.telegram.org";

    /**
     * From {@code KNOTWISE_TELEGRAM_BOT_TOKEN}, {@code KNOTWISE_TELEGRAM_SECRET_TOKEN}, {@code
     * KNOTWISE_TELEGRAM_API_BASE}.
     */
    public static Optional<TelegramSettings> from(Map<String, String> env) {
        // Trimmed: a secret mounted from a file often ends with a newline.
        String token = env.getOrDefault("KNOTWISE_TELEGRAM_BOT_TOKEN", "").strip();
        String secret = env.getOrDefault("KNOTWISE_TELEGRAM_SECRET_TOKEN", "").strip();
        if (token.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (token.isEmpty() || secret.isEmpty()) {
            throw new ConfigurationException("the Telegram channel needs both KNOTWISE_TELEGRAM_BOT_TOKEN and "
                    + "KNOTWISE_TELEGRAM_SECRET_TOKEN; only " + (token.isEmpty() ? "the secret token" : "the bot token")
                    + " is set");
        }
        if (!token.matches("\\d{1,20}:[A-Za-z0-9_-]{10,100}")) {
            // Said without the token: a URL built from a malformed one would carry it into every error line.
            throw new ConfigurationException("KNOTWISE_TELEGRAM_BOT_TOKEN does not look like a bot token from "
                    + "@BotFather "
                    + "(digits, a colon, then letters, digits, _ and -)");
        }
        return Optional.of(new TelegramSettings(token, secret,
                env.getOrDefault("KNOTWISE_TELEGRAM_API_BASE", DEFAULT_API_BASE)));
    }

    @Override
    public String toString() {
        return "TelegramSettings[apiBase=" + apiBase + ", secrets hidden]";
    }
}
