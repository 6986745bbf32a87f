package io.knotwise.nlu;

/** One training utterance, labelled with its intent, and the file and line it came from. */
public record Example(String intent, String text, String file, int line) {
}
