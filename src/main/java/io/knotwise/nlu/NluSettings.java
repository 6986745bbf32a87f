package io.knotwise.nlu;

/**
 * How the intent model is trained and used, from {@code models/nlu.yml}. Immutable.
 *
 * @param threshold the confidence under which the guide asks the user to rephrase
 */
public record NluSettings(double threshold, String algorithm, int iterations, int cutoff) {

    public NluSettings {
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }
}
