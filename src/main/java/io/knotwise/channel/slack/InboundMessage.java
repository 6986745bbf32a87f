package io.knotwise.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.knotwise.engine.Input;
import java.util.List;

/**
 * One thing a Slack user said or pressed, ready for the engine. Immutable.
 *
 * @param pressed for a button press, the message it was pressed in (null when Slack did not send it)
 * @param deliveryIds ids under which this delivery may arrive again (its event id, and its message when both a
 *                    {@code message} and an {@code app_mention} event report it), so it is answered once
 * @param thread the thread the answer goes in (the timestamp of its first message), or null for the channel itself:
 *               a mention in a shared channel is answered in a thread, so health advice does not fill the channel
 */
record InboundMessage(List<String> deliveryIds, String team, String channel, String user, Input input,
                      Pressed pressed, String thread) {

    InboundMessage {
        deliveryIds = List.copyOf(deliveryIds);
    }

    /**
     * The guide's message whose button was pressed, so it can be redrawn without its buttons.
     *
     * @param ts the message's timestamp, its id in the channel
     * @param blocks the message's blocks as Slack sent them back
     * @param title the pressed button's label
     */
    record Pressed(String ts, JsonNode blocks, String title) {
    }

    /** The user as {@link io.knotwise.channel.ChannelConversations} knows them: one conversation per channel. */
    String conversationUser() {
        return team + ":" + channel + ":" + user;
    }
}
