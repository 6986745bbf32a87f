package io.knotwise.channel.telegram;

import java.util.Map;
import java.util.Optional;

/**
 * The Telegram channel's settings: the bot token, the webhook's secret token and the Bot API's base URL. Off unless
 * both secrets are set. Immutable; {@link #toString()} never shows a secret.
 */
public record TelegramSettings(String botToken, String secretToken, String apiBase) {

    public static final String DEFAULT_API_BASE = "https://api.telegram.org";

    /** From {@code KNOTWISE_TELEGRAM_BOT_TOKEN}, {@code KNOTWISE_TELEGRAM_SECRET_TOKEN}, {@code KNOTWISE_TELEGRAM_API_BASE}. */
    public static Optional<TelegramSettings> from(Map<String, String> env) {
        String token = env.get("KNOTWISE_TELEGRAM_BOT_TOKEN");
        String secret = env.get("KNOTWISE_TELEGRAM_SECRET_TOKEN");
        if (token == null || token.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new TelegramSettings(token, secret,
                env.getOrDefault("KNOTWISE_TELEGRAM_API_BASE", DEFAULT_API_BASE)));
    }

    @Override
    public String toString() {
        return "TelegramSettings[apiBase=" + apiBase + ", secrets hidden]";
    }
}
