package io.knotwise;

import io.knotwise.engine.Turn;
import java.util.Optional;

/**
 * The conversation store cannot be reached or did not answer in time; nothing was changed, so a retry is safe. When
 * the message raised an emergency or urgent flag, the exception carries the escalation turn, worked out without the
 * store, so that every channel still gives the advice.
 */
public final class StoreUnavailableException extends KnotwiseException {

    private final transient Turn advice;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public StoreUnavailableException(String message) {
        this(message, null, null);
    }

    private StoreUnavailableException(String message, Throwable cause, Turn advice) {
        super(message, cause);
        this.advice = advice;
    }

    /** The escalation turn for the message that met the outage, when it raised an emergency or urgent flag. */
    public Optional<Turn> advice() {
        return Optional.ofNullable(advice);
    }

    /** This failure carrying the escalation turn for the message (unchanged when it has one already). */
    public StoreUnavailableException withAdvice(Optional<Turn> escalation) {
        if (advice != null || escalation.isEmpty()) {
            return this;
        }
        var carrying = new StoreUnavailableException(getMessage(), getCause(), escalation.get());
        carrying.setStackTrace(getStackTrace());
        return carrying;
    }
}
