package io.knotwise.channel.whatsapp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body under the app secret,
 * compared in constant time. Immutable.
 */
final class WhatsAppSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    WhatsAppSignature(String appSecret) {
        this.key = new SecretKeySpec(appSecret.getBytes(UTF_8), ALGORITHM);
    }

    /** Whether the header is the signature of exactly these bytes. */
    boolean matches(String header, byte[] body) {
        if (header == null || !header.strip().startsWith(PREFIX)) {
            return false;
        }
        return MessageDigest.isEqual(sign(body).getBytes(UTF_8), header.strip().getBytes(UTF_8));
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
