package io.knotwise.content;

/** One of the source guides that every technique and answer cites. Immutable. */
record Guide(String id, String title, String file) {
}
