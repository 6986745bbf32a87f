package io.knotwise.nlu;

/**
 * How the intent model is trained and used, from {@code models/nlu.yml}. Immutable.
 *
 * @param threshold the confidence from which the best intent is acted on
 * @param margin the lead over the second intent from which the best intent is acted on even under the threshold
 *     (a one-word message such as "back" spreads its probability thinly, but clearly)
 */
public record NluSettings(double threshold, double margin, String algorithm, int iterations, int cutoff) {

    public NluSettings {
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
        if (margin < 0 || margin > 1) {
            throw new IllegalArgumentException("margin must be between 0 and 1, was " + margin);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
    }
}
