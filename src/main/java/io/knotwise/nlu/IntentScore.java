package io.knotwise.nlu;

/** An intent and the classifier's confidence in it, 0 to 1. */
public record IntentScore(String name, double confidence) {
}
