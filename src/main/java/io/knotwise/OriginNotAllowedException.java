package io.knotwise;

/**
 * A browser request that changes something came from a site the guide does not allow ({@code KNOTWISE_CORS_ORIGINS}).
 */
public final class OriginNotAllowedException extends KnotwiseException {

    public OriginNotAllowedException(String message) {
        super(message);
    }
}
