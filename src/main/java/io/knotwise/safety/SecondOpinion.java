package io.knotwise.safety;

/**
 * When the learned second opinion is acted on: a label at {@code raise} or above raises its flag where the message
 * mentions one of its category's concepts, one at {@code ungrounded} or above raises it even where it mentions none
 * (lay words the concept layer does not know yet), and one between {@code clarify} and {@code raise} earns one
 * clarifying question. Where it reads the message as harmless with {@code overrule} or more, the rules' urgent flags
 * are asked about and their see-a-doctor ones let go. Where the rules find a message vague and would ask, a label at
 * {@code decisive} or above raises its flag instead of the question. Calibrated on the validation split
 * ({@code java -jar target/knotwise.jar safety-calibrate}), except {@code decisive}, which is set by hand above the
 * others. Immutable.
 */
public record SecondOpinion(double raise, double clarify, Double ungrounded, Double overrule, Double decisive) {

    public SecondOpinion {
        ungrounded = ungrounded == null ? 1.0 : ungrounded;
        overrule = overrule == null ? 1.0 : overrule;
        decisive = decisive == null ? 1.0 : decisive;
        if (!(0 < clarify && clarify <= raise && raise <= ungrounded && ungrounded <= 1)) {
            throw new IllegalArgumentException("second opinion thresholds need 0 < clarify <= raise <= ungrounded <= 1,"
                    + " were " + clarify + ", " + raise + " and " + ungrounded);
        }
        if (!(0.5 < overrule && overrule <= 1)) {
            throw new IllegalArgumentException("second opinion overrule needs 0.5 < overrule <= 1, was " + overrule);
        }
        if (!(ungrounded <= decisive && decisive <= 1)) {
            throw new IllegalArgumentException("second opinion decisive needs ungrounded <= decisive <= 1, was "
                    + decisive);
        }
    }

    /** Whether a message read as harmless with this confidence has the rules' lower flags overruled (1 is never). */
    public boolean overrules(double harmlessConfidence) {
        return overrule < 1 && harmlessConfidence >= overrule;
    }

    /** The same thresholds with others for raising, clarifying, ungrounded raising and overruling. */
    public SecondOpinion with(double raise, double clarify, double ungrounded, double overrule) {
        return new SecondOpinion(raise, clarify, ungrounded, overrule, Math.max(ungrounded, decisive));
    }

    /** Never acted on: the rules alone. */
    public static SecondOpinion never() {
        return new SecondOpinion(1, 1, 1.0, 1.0, 1.0);
    }
}
