package io.knotwise;

/**
 * A request body in a format the endpoint does not take (the API takes JSON only): refused before it is read, so a
 * web page cannot post a form or plain text to the API without the browser asking first (a CORS preflight).
 */
public final class UnsupportedMediaTypeException extends KnotwiseException {

    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
