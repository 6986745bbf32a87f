package io.knotwise.content;

/**
 * A time range in minutes, {@code min <= max}; {@code estimated} when the guides give no time and the figure is
 * ours (the guide says so when it tells it).
 */
public record Minutes(int min, int max, Boolean estimated) {

    public Minutes {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("minutes must satisfy 0 <= min <= max, was " + min + ".." + max);
        }
        estimated = Boolean.TRUE.equals(estimated);
    }

    public Minutes(int min, int max) {
        this(min, max, false);
    }
}
