package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.knotwise.UnverifiedRequestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves a request came from Slack: {@code X-Slack-Signature} must be the v0 HMAC-SHA256 of the timestamp and the raw
 * body under the signing secret, compared in constant time, and the timestamp within five minutes of now, so a
 * captured request cannot be replayed later. Immutable and thread-safe.
 */
final class SlackSignature {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v0";

    private final SecretKeySpec key;
    private final Clock clock;

    SlackSignature(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** Returns normally only for a genuine, fresh request; otherwise throws saying what was wrong. */
    void verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank()) {
            throw new UnverifiedRequestException("the X-Slack-Request-Timestamp header is missing");
        }
        if (signature == null || signature.isBlank()) {
            throw new UnverifiedRequestException("the X-Slack-Signature header is missing");
        }
        long sent;
        try {
            sent = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new UnverifiedRequestException("X-Slack-Request-Timestamp must be seconds since the epoch");
        }
        long now = clock.instant().getEpochSecond();
        long skew = MAX_SKEW.toSeconds();
        if (sent < now - skew || sent > now + skew) {
            throw new UnverifiedRequestException("the request timestamp is more than " + MAX_SKEW.toMinutes()
                    + " minutes from now");
        }
        if (!signature.startsWith(VERSION + "=")) {
            throw new UnverifiedRequestException("X-Slack-Signature is not a " + VERSION + " signature");
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(UTF_8);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(UTF_8))) {
            throw new UnverifiedRequestException("X-Slack-Signature does not match the body");
        }
    }

    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
