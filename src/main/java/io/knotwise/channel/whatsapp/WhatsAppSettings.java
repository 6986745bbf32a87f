package io.knotwise.channel.whatsapp;

import io.knotwise.ConfigurationException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The WhatsApp Cloud API channel's settings: the access token that sends, the app secret that signs Meta's requests,
 * the verify token of the webhook handshake, the business phone number's id, and the Graph API's base URL (with its
 * version). Off unless all four secrets and ids are set. Immutable; {@link #toString()} never shows a secret.
 */
public record WhatsAppSettings(String accessToken, String appSecret, String verifyToken, String phoneNumberId,
                               String apiBase) {

    public static final String DEFAULT_API_BASE = "https://graph.facebook.com/v21.0";

    /**
     * From {@code KNOTWISE_WHATSAPP_ACCESS_TOKEN}, {@code KNOTWISE_WHATSAPP_APP_SECRET},
     * {@code KNOTWISE_WHATSAPP_VERIFY_TOKEN}, {@code KNOTWISE_WHATSAPP_PHONE_NUMBER_ID} and
     * {@code KNOTWISE_WHATSAPP_API_BASE}; each value trimmed (secrets mounted from files end with a newline).
     */
    public static Optional<WhatsAppSettings> from(Map<String, String> env) {
        String token = value(env, "KNOTWISE_WHATSAPP_ACCESS_TOKEN");
        String secret = value(env, "KNOTWISE_WHATSAPP_APP_SECRET");
        String verify = value(env, "KNOTWISE_WHATSAPP_VERIFY_TOKEN");
        String phone = value(env, "KNOTWISE_WHATSAPP_PHONE_NUMBER_ID");
        var missing = new ArrayList<String>();
        if (token == null) {
            missing.add("KNOTWISE_WHATSAPP_ACCESS_TOKEN");
        }
        if (secret == null) {
            missing.add("KNOTWISE_WHATSAPP_APP_SECRET");
        }
        if (verify == null) {
            missing.add("KNOTWISE_WHATSAPP_VERIFY_TOKEN");
        }
        if (phone == null) {
            missing.add("KNOTWISE_WHATSAPP_PHONE_NUMBER_ID");
        }
        if (missing.size() == 4) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            // Half a configuration is a mistake, not a wish to switch the channel off: say so at start-up.
            throw new ConfigurationException("the WhatsApp channel needs four settings; missing: " + String.join(", ",
                    missing));
        }
        String base = value(env, "KNOTWISE_WHATSAPP_API_BASE");
        return Optional.of(new WhatsAppSettings(token, secret, verify, phone, base == null ? DEFAULT_API_BASE : base));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", apiBase=" + apiBase + ", secrets hidden]";
    }
}
