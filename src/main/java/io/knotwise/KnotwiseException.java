package io.knotwise;

/**
 * The one unchecked root of every failure Knotwise reports on purpose. Never thrown itself: each failure has a subclass
 * named for it (bad input, not found, store unavailable, invalid data, configuration, a platform call, a file), so a
 * caller catches what it can handle and the HTTP layer maps each to its status once.
 */
public abstract class KnotwiseException extends RuntimeException {

    protected KnotwiseException(String message) {
        super(message);
    }

    protected KnotwiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
