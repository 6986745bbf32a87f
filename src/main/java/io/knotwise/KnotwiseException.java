package io.knotwise;

/** The one unchecked root of every failure Knotwise reports on purpose. */
public class KnotwiseException extends RuntimeException {

    public KnotwiseException(String message) {
        super(message);
    }

    public KnotwiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
