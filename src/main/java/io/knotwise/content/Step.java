package io.knotwise.content;

/** One instruction of a technique, with the hold time and repetitions the guide gives, if any. Immutable. */
public record Step(String text, Integer holdSeconds, Integer repetitions) {

    public Step {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a step needs text");
        }
    }

    public boolean hasHold() {
        return holdSeconds != null && holdSeconds > 0;
    }
}
