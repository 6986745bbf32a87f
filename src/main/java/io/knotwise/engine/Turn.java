package io.knotwise.engine;

import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlag;
import java.util.List;

/**
 * The guide's answer to one message: what it says, the buttons it offers, where the conversation now is, the triage
 * so far, and how the message was understood ({@code nlu} is null for the greeting). Immutable.
 */
public record Turn(String conversationId, List<Message> messages, List<QuickReply> quickReplies, TurnState state,
                   Triage triage, Understanding nlu, List<RedFlag> redFlags) {

    public Turn {
        messages = List.copyOf(messages);
        quickReplies = List.copyOf(quickReplies);
        redFlags = List.copyOf(redFlags);
    }
}
