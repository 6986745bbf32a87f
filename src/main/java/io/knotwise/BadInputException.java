package io.knotwise;

/** A request is malformed, empty or too long; the message says which and where. */
public final class BadInputException extends KnotwiseException {

    public BadInputException(String message) {
        super(message);
    }
}
