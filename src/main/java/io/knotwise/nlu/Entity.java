package io.knotwise.nlu;

/** An entity found in a message, with its normalized value and character offsets {@code [start, end)}. */
public record Entity(String entity, Object value, int start, int end) {
}
