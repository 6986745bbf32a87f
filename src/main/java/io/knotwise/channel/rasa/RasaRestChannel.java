package io.knotwise.channel.rasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.Outbox;
import io.knotwise.channel.http.Json;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel that speaks Rasa's REST channel: {@code POST /webhooks/rest/webhook} with {@code {"sender", "message"}}
 * answers {@code [{"recipient_id", "text", "buttons"}]}, so clients written for Rasa work unchanged. A message that
 * starts with "/" is a button payload, as in Rasa, a new sender's first message included; {@code GET /webhooks/rest/}
 * is the channel's health route. Thread-safe.
 */
public final class RasaRestChannel {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Logger LOG = LoggerFactory.getLogger(RasaRestChannel.class);

    private final ChannelConversations conversations;

    /** Each sender's messages are limited by the conversations, as on every channel (a 429 here). */
    public RasaRestChannel(ChannelConversations conversations) {
        this.conversations = conversations;
    }

    public void routes(RoutesConfig routes) {
        routes.post("/webhooks/rest/webhook", this::webhook);
        // Rasa's health route for this channel, which Rasa clients and load balancers poll.
        routes.get("/webhooks/rest/", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    }

    private void webhook(Context ctx) throws Exception {
        // Read as UTF-8 whatever charset the Content-Type names: JSON has no charset parameter (RFC 8259).
        JsonNode body = Json.read(ctx.bodyAsBytes());
        String sender = text(body, "sender");
        String message = text(body, "message");
        Input input = message.startsWith("/") ? Input.payload(message) : Input.text(message);
        Turn turn;
        try {
            turn = conversations.send("rest", sender, input);
        } catch (StoreUnavailableException e) {
            if (e.advice().isEmpty()) {
                throw e;
            }
            // A Rasa client shows only messages: the advice goes out as a normal answer, and the conversation takes
            // the message before the sender's next one.
            LOG.warn("a Rasa REST message from {} met an outage; its escalation advice was given: {}", sender,
                    e.getMessage());
            turn = e.advice().get();
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(answer(sender, turn)));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadInputException("the body needs a non-empty string \"" + field + "\"");
        }
        return value.asText();
    }

    /** One Rasa message per guide message; the buttons go with the last one. */
    static List<Map<String, Object>> answer(String sender, Turn turn) {
        return Outbox.of(turn).stream().map(message -> {
            var json = new LinkedHashMap<String, Object>();
            json.put("recipient_id", sender);
            json.put("text", message.text());
            if (!message.buttons().isEmpty()) {
                json.put("buttons", message.buttons().stream()
                        .map(q -> Map.of("title", q.title(), "payload", q.payload().text())).toList());
            }
            return (Map<String, Object>) json;
        }).toList();
    }
}
