package io.knotwise.engine;

import java.time.Instant;
import java.util.List;

/** One line of a conversation's transcript: who said it ({@code user} or {@code guide}), what and when. */
public record TranscriptEntry(String from, String kind, String text, Instant at) {

    /** The entry as plain values, {@code [from, kind, text, ISO time]}, as stores keep it. */
    public List<String> values() {
        return List.of(from, kind, text, at.toString());
    }

    /** The entry of {@link #values()}; the guide's texts repeat across conversations, so they are shared. */
    public static TranscriptEntry of(List<String> values) {
        String from = values.get(0);
        return new TranscriptEntry(from, values.get(1), from.equals("guide") ? values.get(2).intern() : values.get(2),
                Instant.parse(values.get(3)));
    }
}
