package io.knotwise;

/**
 * A request to a platform's webhook is not provably from the platform: unsigned, forged, a wrong secret or verify
 * token, or too old; answered with a 401.
 */
public final class UnverifiedRequestException extends KnotwiseException {

    public UnverifiedRequestException(String message) {
        super(message);
    }
}
