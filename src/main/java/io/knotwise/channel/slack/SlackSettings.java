package io.knotwise.channel.slack;

import io.knotwise.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach one Slack app: the signing secret that proves a request came from Slack, the bot token used to post,
 * and the Web API's base address. Immutable; {@link #toString()} never shows the secret or the token.
 */
public record SlackSettings(String signingSecret, String botToken, String apiBase) {

    public static final String DEFAULT_API_BASE = "https://slack.com/api";

    public SlackSettings {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new ConfigurationException("the Slack signing secret must not be empty");
        }
        if (botToken == null || botToken.isBlank()) {
            throw new ConfigurationException("the Slack bot token must not be empty");
        }
        apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.strip();
        while (apiBase.endsWith("/")) {
            apiBase = apiBase.substring(0, apiBase.length() - 1);
        }
        if (!isWebAddress(apiBase)) {
            throw new ConfigurationException("KNOTWISE_SLACK_API_BASE must be an http(s) address, was '" + apiBase
                    + "'");
        }
    }

    /**
     * The Slack settings of an environment such as {@link System#getenv()}: empty when neither the secret nor the
     * token is set (the channel is off); one without the other is a mistake and refuses to start.
     */
    public static Optional<SlackSettings> from(Map<String, String> env) {
        String secret = blankToNull(env.get("KNOTWISE_SLACK_SIGNING_SECRET"));
        String token = blankToNull(env.get("KNOTWISE_SLACK_BOT_TOKEN"));
        if (secret == null && token == null) {
            return Optional.empty();
        }
        if (secret == null || token == null) {
            throw new ConfigurationException("the Slack channel needs both KNOTWISE_SLACK_SIGNING_SECRET and "
                    + "KNOTWISE_SLACK_BOT_TOKEN; only " + (secret == null ? "the bot token" : "the signing secret")
                    + " is set");
        }
        return Optional.of(new SlackSettings(secret, token, env.get("KNOTWISE_SLACK_API_BASE")));
    }

    @Override
    public String toString() {
        return "SlackSettings[signingSecret=(hidden), botToken=(hidden), apiBase=" + apiBase + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
