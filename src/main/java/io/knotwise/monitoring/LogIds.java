package io.knotwise.monitoring;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What logs say instead of a conversation id or a platform user id: a short keyed hash (HMAC-SHA256 under a key made
 * at start-up, 12 hex digits). A conversation id is the only credential for its transcript, so it never appears in a
 * log line; the same id gives the same hash for as long as the process runs, so its lines can still be followed.
 * Thread-safe.
 */
public final class LogIds {

    private static final Pattern CONVERSATION_IN_PATH = Pattern.compile("(/conversations/)([^/?#]+)");
    private static final SecretKeySpec KEY;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KEY = new SecretKeySpec(key, "HmacSHA256");
    }

    private LogIds() {
    }

    /** The log name of an id: "id#" and 12 hex digits. */
    public static String of(String id) {
        if (id == null) {
            return "none";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return "id#" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A request path with the conversation id in it replaced by its log name. */
    public static String path(String path) {
        Matcher m = CONVERSATION_IN_PATH.matcher(path);
        return m.find() ? m.replaceFirst(Matcher.quoteReplacement(m.group(1) + of(m.group(2)))) : path;
    }
}
