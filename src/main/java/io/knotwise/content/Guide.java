package io.knotwise.content;

/** One of the source guides that every technique and answer cites. Immutable. */
public record Guide(String id, String title, String file) {
}
