package io.knotwise.engine;

import java.time.Instant;

/** One line of a conversation's transcript: who said it ({@code user} or {@code guide}), what and when. */
public record TranscriptEntry(String from, String kind, String text, Instant at) {
}
