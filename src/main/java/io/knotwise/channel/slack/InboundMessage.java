package io.knotwise.channel.slack;

import io.knotwise.engine.Input;
import java.util.List;

/**
 * One thing a Slack user said or pressed, ready for the engine. Immutable.
 *
 * @param deliveryIds ids under which this delivery may arrive again (its event id, and its message when both a
 *                    {@code message} and an {@code app_mention} event report it), so it is answered once
 */
record InboundMessage(List<String> deliveryIds, String team, String channel, String user, Input input) {

    InboundMessage {
        deliveryIds = List.copyOf(deliveryIds);
    }

    /** The user as {@link io.knotwise.channel.ChannelConversations} knows them: one conversation per channel. */
    String conversationUser() {
        return team + ":" + channel + ":" + user;
    }
}
