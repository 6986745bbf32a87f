package io.knotwise.content;

/**
 * One instruction of a technique, with the hold time and repetitions the guide gives, if any. Its text may coach a
 * side: {@code {side}} is the side to start on and {@code {other_side}} the other one. Immutable.
 */
public record Step(String text, Integer holdSeconds, Integer repetitions) {

    private static final String FIRST = "right";

    public Step {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a step needs text");
        }
    }

    /** The text for someone whose tension is mostly on one side ("left" or "right"), started there; else the right. */
    public String text(String side) {
        String first = "left".equals(side) || "right".equals(side) ? side : FIRST;
        String other = first.equals("left") ? "right" : "left";
        return text.replace("{side}", first).replace("{other_side}", other);
    }

    public boolean hasHold() {
        return holdSeconds != null && holdSeconds > 0;
    }
}
