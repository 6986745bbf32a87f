package io.knotwise;

import io.knotwise.engine.Turn;
import java.util.Optional;

/**
 * The request cannot be taken as it is (empty, malformed, too long); nothing was changed. A message refused for its
 * length is still screened, and then carries the escalation turn for a red flag in it, so the advice is not lost.
 */
public final class BadInputException extends KnotwiseException {

    private final transient Turn advice;

    public BadInputException(String message) {
        this(message, null);
    }

    private BadInputException(String message, Turn advice) {
        super(message);
        this.advice = advice;
    }

    /** The escalation turn for a refused message that raised an emergency or urgent flag. */
    public Optional<Turn> advice() {
        return Optional.ofNullable(advice);
    }

    /** This refusal carrying the escalation turn for the message, when it has one. */
    public BadInputException withAdvice(Optional<Turn> escalation) {
        return escalation.map(turn -> new BadInputException(getMessage(), turn)).orElse(this);
    }
}
