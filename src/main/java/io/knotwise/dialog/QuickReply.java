package io.knotwise.dialog;

/** A button offered to the user: the title shown and the payload sent back when it is pressed. */
public record QuickReply(String title, Payload payload) {

    public QuickReply {
        if (title == null || title.isBlank() || payload == null) {
            throw new IllegalArgumentException("a quick reply needs a title and a payload");
        }
    }
}
