package io.knotwise.engine;

import io.knotwise.dialog.QuickReply;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide's reply while a turn is being worked out: messages in order, the buttons of the last prompt, and the
 * red flags raised, which are audited only once the turn is saved.
 */
final class Reply {

    private final List<Message> messages = new ArrayList<>();
    private List<QuickReply> quickReplies = List.of();
    private final List<Escalation> escalations = new ArrayList<>();

    void say(String kind, String text) {
        messages.add(Message.of(kind, text));
    }

    void add(Message message) {
        messages.add(message);
    }

    /** Replaces the buttons on offer: only the latest prompt's buttons make sense. */
    void offer(List<QuickReply> replies) {
        quickReplies = List.copyOf(replies);
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<QuickReply> quickReplies() {
        return quickReplies;
    }

    void escalate(Escalation escalation) {
        escalations.add(escalation);
    }

    List<Escalation> escalations() {
        return List.copyOf(escalations);
    }
}
