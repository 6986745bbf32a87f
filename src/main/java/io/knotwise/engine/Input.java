package io.knotwise.engine;

import io.knotwise.BadInputException;

/** What the user sent: free text or the payload of a quick reply, exactly one of them. */
public record Input(String text, String payload) {

    public Input {
        boolean hasText = text != null && !text.isBlank();
        boolean hasPayload = payload != null && !payload.isBlank();
        if (hasText == hasPayload) {
            throw new BadInputException(hasText
                    ? "send either \"text\" or \"payload\", not both"
                    : "the message needs a non-empty \"text\" or \"payload\"");
        }
    }

    public static Input text(String text) {
        return new Input(text, null);
    }

    public static Input payload(String payload) {
        return new Input(null, payload);
    }

    public boolean isPayload() {
        return payload != null && !payload.isBlank();
    }
}
