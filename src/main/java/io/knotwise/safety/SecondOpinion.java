package io.knotwise.safety;

/**
 * When the learned second opinion is acted on: a label at {@code raise} or above raises its flag where the message
 * mentions one of its category's concepts, one at {@code ungrounded} or above raises it even where it mentions none
 * (lay words the concept layer does not know yet), and one between {@code clarify} and {@code raise} earns one
 * clarifying question. Calibrated on the validation split
 * ({@code java -jar target/knotwise.jar safety-calibrate}). Immutable.
 */
public record SecondOpinion(double raise, double clarify, Double ungrounded) {

    public SecondOpinion {
        ungrounded = ungrounded == null ? 1.0 : ungrounded;
        if (!(0 < clarify && clarify <= raise && raise <= ungrounded && ungrounded <= 1)) {
            throw new IllegalArgumentException("second opinion thresholds need 0 < clarify <= raise <= ungrounded <= 1,"
                    + " were " + clarify + ", " + raise + " and " + ungrounded);
        }
    }

    /** Never acted on. */
    public static SecondOpinion never() {
        return new SecondOpinion(1, 1, 1.0);
    }
}
