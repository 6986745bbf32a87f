package io.knotwise;

/** A client or a conversation sent more requests than its rate limit allows; it may try again later. */
public final class RateLimitedException extends KnotwiseException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until a request would be accepted again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
