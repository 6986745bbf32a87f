package io.knotwise.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a guide's turn as {@code chat.postMessage} bodies in Block Kit: one mrkdwn section per message and the quick
 * replies as buttons, kept within Block Kit's limits (a longer turn becomes several messages). Stateless.
 */
final class SlackBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_BUTTONS = 25;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_BUTTON_VALUE = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(SlackBlocks.class);

    private final ObjectMapper json;

    SlackBlocks(ObjectMapper json) {
        this.json = json;
    }

    /** The bodies to post, in order; none for a turn with nothing to say. */
    List<ObjectNode> messages(String channel, Turn turn) {
        List<ObjectNode> blocks = new ArrayList<>();
        for (Message message : turn.messages()) {
            if (message.text() != null && !message.text().isBlank()) {
                for (String piece : pieces(escape(message.text().strip()))) {
                    blocks.add(section(piece));
                }
            }
        }
        blocks.addAll(actions(turn.quickReplies()));
        List<ObjectNode> bodies = new ArrayList<>();
        for (int from = 0; from < blocks.size(); from += MAX_BLOCKS) {
            bodies.add(body(channel, blocks.subList(from, Math.min(blocks.size(), from + MAX_BLOCKS))));
        }
        return bodies;
    }

    /** A {@code chat.update} body: the message's blocks without its buttons, then "Chosen: title". */
    ObjectNode pressed(String channel, String ts, JsonNode blocks, String title) {
        List<ObjectNode> kept = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.isObject() && !"actions".equals(block.path("type").asText())) {
                kept.add((ObjectNode) block);
            }
        }
        ObjectNode context = json.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", "Chosen: *" + escape(title) + "*");
        kept.add(context);
        return body(channel, kept).put("ts", ts);
    }

    /** Slack reads {@code & < >} in mrkdwn as markup, so they are sent as entities. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private ObjectNode body(String channel, List<ObjectNode> blocks) {
        ObjectNode body = json.createObjectNode().put("channel", channel);
        // The top-level text is what notifications and screen readers show.
        List<String> texts = blocks.stream().filter(b -> "section".equals(b.path("type").asText()))
                .map(b -> b.path("text").path("text").asText()).toList();
        if (!texts.isEmpty()) {
            body.put("text", String.join("\n\n", texts));
        }
        body.putArray("blocks").addAll(blocks);
        return body;
    }

    private ObjectNode section(String text) {
        ObjectNode section = json.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", text);
        return section;
    }

    private List<ObjectNode> actions(List<QuickReply> replies) {
        List<ObjectNode> buttons = new ArrayList<>();
        for (QuickReply reply : replies) {
            if (reply.payload().text().length() > MAX_BUTTON_VALUE) {
                LOG.warn("quick reply '{}' left out: its payload is longer than Slack's {} characters", reply.title(),
                        MAX_BUTTON_VALUE);
                continue;
            }
            ObjectNode button = json.createObjectNode().put("type", "button");
            button.putObject("text").put("type", "plain_text").put("text", shorten(reply.title()));
            button.put("value", reply.payload().text()).put("action_id", "kw_" + buttons.size());
            buttons.add(button);
        }
        List<ObjectNode> blocks = new ArrayList<>();
        for (int from = 0; from < buttons.size(); from += MAX_BUTTONS) {
            ObjectNode block = json.createObjectNode().put("type", "actions");
            ArrayNode elements = block.putArray("elements");
            elements.addAll(buttons.subList(from, Math.min(buttons.size(), from + MAX_BUTTONS)));
            blocks.add(block);
        }
        return blocks;
    }

    private static String shorten(String title) {
        return title.length() <= MAX_BUTTON_TEXT ? title : title.substring(0, MAX_BUTTON_TEXT - 1) + "\u2026";
    }

    /** Splits escaped text into section-sized pieces, at a line or word break if any, never inside an entity. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (rest.length() > MAX_SECTION_TEXT) {
            int cut = Math.max(rest.lastIndexOf('\n', MAX_SECTION_TEXT), rest.lastIndexOf(' ', MAX_SECTION_TEXT));
            if (cut <= 0) {
                cut = MAX_SECTION_TEXT;
                int amp = rest.lastIndexOf('&', cut - 1);
                if (amp > 0 && rest.indexOf(';', amp) >= cut) {
                    cut = amp;
                }
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
