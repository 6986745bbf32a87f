package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.knotwise.BadInputException;
import io.knotwise.engine.Input;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads what Slack sends: Events API callbacks and {@code block_actions} interactions. Stateless. */
final class SlackPayloads {

    /** Message subtypes that still carry what the user typed: shared with a file, or sent on from a thread. */
    private static final Set<String> TYPED = Set.of("file_share", "thread_broadcast");

    /** A mention of a user or bot, {@code <@U123>} or {@code <@U123|name>}: addressing the guide, not content. */
    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");

    private final ObjectMapper json;

    SlackPayloads(ObjectMapper json) {
        this.json = json;
    }

    /** A JSON object, or a {@link BadInputException} saying why not. */
    JsonNode object(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadInputException("the Slack payload must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("the Slack payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The {@code payload} field of an interaction's form-encoded body, parsed. */
    JsonNode interactionPayload(String formBody) {
        for (String pair : formBody.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && decode(pair.substring(0, equals)).equals("payload")) {
                return object(decode(pair.substring(equals + 1)));
            }
        }
        throw new BadInputException("the Slack interaction has no \"payload\" field");
    }

    /** One form-encoded name or value; a broken escape such as {@code %zz} is a {@link BadInputException}. */
    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("the Slack interaction is not form-encoded: it has a broken % escape");
        }
    }

    /** A user's message from an {@code event_callback}; empty for bots, edits and anything else the guide ignores. */
    Optional<InboundMessage> event(JsonNode callback) {
        JsonNode event = callback.path("event");
        String type = text(event, "type");
        if (!"message".equals(type) && !"app_mention".equals(type)) {
            return Optional.empty();
        }
        // Our own posts come back as messages with a bot_id; edits, joins and the like carry a subtype. A message
        // shared with a file, or also sent to the channel from a thread, is still what the user typed.
        if (event.hasNonNull("bot_id") || (event.hasNonNull("subtype") && !TYPED.contains(text(event, "subtype")))) {
            return Optional.empty();
        }
        String team = text(callback, "team_id") != null ? text(callback, "team_id") : text(event, "team");
        String channel = text(event, "channel");
        String user = text(event, "user");
        String said = clean(text(event, "text"));
        if (team == null || channel == null || user == null || said.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        if (text(callback, "event_id") != null) {
            ids.add("event:" + text(callback, "event_id"));
        }
        if (text(event, "ts") != null) {
            ids.add("message:" + team + ":" + channel + ":" + text(event, "ts"));
        }
        // In a direct message the guide answers in place; anywhere else, in a thread of what the user wrote.
        boolean direct = "im".equals(text(event, "channel_type")) || channel.startsWith("D");
        String thread = text(event, "thread_ts") != null || direct ? text(event, "thread_ts") : text(event, "ts");
        return Optional.of(new InboundMessage(ids, team, channel, user, Input.text(said), null, thread));
    }

    /**
     * A pressed quick-reply button from a {@code block_actions} interaction, with the ids under which the same press
     * may arrive again; empty for anything else.
     */
    Optional<InboundMessage> interaction(JsonNode payload) {
        if (!"block_actions".equals(text(payload, "type"))) {
            return Optional.empty();
        }
        String value = text(payload.path("actions").path(0), "value");
        String user = text(payload.path("user"), "id");
        String channel = text(payload.path("channel"), "id");
        String team = text(payload.path("team"), "id") != null ? text(payload.path("team"), "id")
                : text(payload.path("user"), "team_id");
        if (value == null || value.isBlank() || user == null || channel == null || team == null) {
            return Optional.empty();
        }
        // A press delivered again (Slack retries, a replayed request) carries the same trigger and action time.
        List<String> ids = new ArrayList<>();
        if (text(payload, "trigger_id") != null) {
            ids.add("trigger:" + text(payload, "trigger_id"));
        }
        String actionTs = text(payload.path("actions").path(0), "action_ts");
        if (actionTs != null) {
            ids.add("action:" + team + ":" + user + ":" + actionTs);
        }
        String ts = text(payload.path("container"), "message_ts");
        JsonNode blocks = payload.path("message").path("blocks");
        String title = text(payload.path("actions").path(0).path("text"), "text");
        var pressed = ts == null || !blocks.isArray() ? null
                : new InboundMessage.Pressed(ts, blocks, title == null ? value : title);
        String thread = text(payload.path("container"), "thread_ts") != null
                ? text(payload.path("container"), "thread_ts") : text(payload.path("message"), "thread_ts");
        return Optional.of(new InboundMessage(ids, team, channel, user, Input.payload(value), pressed, thread));
    }

    /** The words of a Slack message: mentions removed and Slack's escaping of {@code & < >} undone. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return MENTION.matcher(text).replaceAll(" ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .strip();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
