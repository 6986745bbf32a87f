package io.knotwise;

/** The conversation store cannot be reached or did not answer in time; nothing was changed, so a retry is safe. */
public final class StoreUnavailableException extends KnotwiseException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
