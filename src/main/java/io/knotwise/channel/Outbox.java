package io.knotwise.channel;

import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * How a turn goes out on a messaging platform: one platform message per guide message, the turn's buttons attached to
 * the last one. Immutable.
 *
 * @param buttons the quick replies to attach, empty for every message but the last
 */
public record Outbox(String text, List<QuickReply> buttons) {

    public Outbox {
        buttons = List.copyOf(buttons);
    }

    public static List<Outbox> of(Turn turn) {
        List<Message> messages = turn.messages();
        var out = new ArrayList<Outbox>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(new Outbox(messages.get(i).text(), i == messages.size() - 1 ? turn.quickReplies() : List.of()));
        }
        return out;
    }

    /** The text in parts of at most {@code limit} characters, broken after a line or a space where there is one. */
    public static List<String> split(String text, int limit) {
        var parts = new ArrayList<String>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit - 1);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', limit - 1);
            }
            if (cut <= 0) {
                cut = Character.isHighSurrogate(rest.charAt(limit - 1)) ? limit - 1 : limit;
            } else {
                cut++;
            }
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut);
        }
        parts.add(rest);
        return parts;
    }
}
