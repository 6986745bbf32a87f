package io.knotwise;

/** This instance is stopping and takes nothing new; the request was not applied, so sending it again later is safe. */
public final class ShuttingDownException extends KnotwiseException {

    public ShuttingDownException(String message) {
        super(message);
    }
}
