package io.knotwise.safety;

import java.util.Locale;

/** Triage tiers of SAFETY.md, highest first; {@link #ordinal()} order is severity order, highest lowest. */
public enum Tier {
    EMERGENCY, URGENT, SEE_DOCTOR, CAUTION;

    /** The id used in the API and in {@code dialogs/safety/}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public boolean isHigherThan(Tier other) {
        return other == null || ordinal() < other.ordinal();
    }

    /** Whether this tier sends the user for help today or now (emergency or urgent). */
    public boolean escalates() {
        return this == EMERGENCY || this == URGENT;
    }

    /** Whether self-massage guidance must stop (or pause) at this tier. */
    public boolean stopsGuidance() {
        return this != CAUTION;
    }
}
