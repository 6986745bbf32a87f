package io.knotwise.safety;

/**
 * When the learned second opinion is acted on: a label at {@code raise} or above raises its flag, one between
 * {@code clarify} and {@code raise} earns one clarifying question. Calibrated on the validation split
 * ({@code java -jar target/knotwise.jar safety-calibrate}). Immutable.
 */
public record SecondOpinion(double raise, double clarify) {

    public SecondOpinion {
        if (!(0 < clarify && clarify <= raise && raise <= 1)) {
            throw new IllegalArgumentException("second opinion thresholds need 0 < clarify <= raise <= 1, were "
                    + clarify + " and " + raise);
        }
    }

    /** Never acted on. */
    public static SecondOpinion never() {
        return new SecondOpinion(1, 1);
    }
}
