package io.knotwise;

/** A messaging platform (Telegram, WhatsApp) refused or failed a call; what was to be sent was not delivered. */
public final class PlatformCallException extends KnotwiseException {

    public PlatformCallException(String message) {
        super(message);
    }

    public PlatformCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
