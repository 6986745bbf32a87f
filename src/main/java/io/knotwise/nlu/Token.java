package io.knotwise.nlu;

/** A word of a normalized text and where it is, {@code [start, end)} in characters. */
public record Token(String text, int start, int end) {
}
