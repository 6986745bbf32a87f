package io.knotwise.content;

/** A time range in minutes, {@code min <= max}. */
public record Minutes(int min, int max) {

    public Minutes {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("minutes must satisfy 0 <= min <= max, was " + min + ".." + max);
        }
    }
}
