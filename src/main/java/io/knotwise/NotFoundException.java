package io.knotwise;

/** A conversation, technique or other named thing does not exist (or has expired). */
public final class NotFoundException extends KnotwiseException {

    public NotFoundException(String message) {
        super(message);
    }
}
