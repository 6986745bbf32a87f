package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Slack's side of the webhooks in tests: payloads shaped as Slack sends them, signed as Slack signs them. */
final class SlackSender {

    static final String TEAM = "T0TEAM";
    static final String CHANNEL = "C0CHANNEL";
    static final String USER = "U0USER";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String origin;
    private final String secret;
    private final long now;

    SlackSender(String origin, String secret, long nowEpochSecond) {
        this.origin = origin;
        this.secret = secret;
        this.now = nowEpochSecond;
    }

    /** Posts an Events API body signed now with the right secret. */
    HttpResponse<String> event(String body, Map<String, String> headers) throws Exception {
        String timestamp = String.valueOf(now);
        return post("/webhooks/slack/events", body, timestamp, sign(secret, timestamp, body), headers);
    }

    /** Posts a form-encoded interaction body signed now with the right secret. */
    HttpResponse<String> interaction(String body) throws Exception {
        String timestamp = String.valueOf(now);
        return post("/webhooks/slack/interactions", body, timestamp, sign(secret, timestamp, body), Map.of());
    }

    /** Posts with exactly these signature headers (null leaves one out). */
    HttpResponse<String> post(String path, String body, String timestamp, String signature,
                              Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(origin + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", path.endsWith("interactions") ? "application/x-www-form-urlencoded"
                        : "application/json");
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(UTF_8)));
    }

    static String messageEvent(String eventId, String text, String ts) {
        return event(eventId, "message", text, ts);
    }

    /** An {@code event_callback} around an event of this type from {@link #USER} in {@link #CHANNEL}. */
    static String event(String eventId, String type, String text, String ts) {
        ObjectNode callback = JSON.createObjectNode().put("token", "XXYYZZ").put("team_id", TEAM)
                .put("api_app_id", "A0KNOTWISE").put("type", "event_callback").put("event_id", eventId)
                .put("event_time", 1_700_000_000L);
        callback.putObject("event").put("type", type).put("channel", CHANNEL).put("user", USER)
                .put("text", text).put("ts", ts).put("event_ts", ts).put("channel_type", "im");
        return callback.toString();
    }

    private static final AtomicLong PRESSES = new AtomicLong();

    /** A {@code block_actions} interaction for a new press of a button, form-encoded as Slack sends it. */
    static String press(String value) {
        return press(value, PRESSES.incrementAndGet());
    }

    /** The interaction of press number {@code press}: the same number is the same press delivered again. */
    static String press(String value, long press) {
        return press(value, press, null);
    }

    /** A press of a button in a message the guide posted, which Slack sends back with the press. */
    static String pressIn(String value, JsonNode posted) {
        return press(value, PRESSES.incrementAndGet(), posted);
    }

    private static String press(String value, long press, JsonNode posted) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions")
                .put("trigger_id", "13345224609.738474920.8088930838d88f008e0" + press);
        payload.putObject("user").put("id", USER).put("username", "someone").put("team_id", TEAM);
        payload.putObject("team").put("id", TEAM).put("domain", "example");
        payload.putObject("channel").put("id", CHANNEL).put("name", "directmessage");
        ObjectNode container = payload.putObject("container").put("type", "message").put("channel_id", CHANNEL);
        if (posted != null) {
            container.put("message_ts", "1700000500.000200").put("is_ephemeral", false);
            payload.putObject("message").put("type", "message").put("ts", "1700000500.000200")
                    .put("text", posted.path("text").asText()).set("blocks", posted.path("blocks"));
        }
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "kw_0")
                .put("block_id", "b1").put("value", value).put("action_ts", "1700000200." + (100_000 + press))
                .putObject("text").put("type", "plain_text").put("text", "Next");
        return "payload=" + URLEncoder.encode(payload.toString(), UTF_8);
    }
}
