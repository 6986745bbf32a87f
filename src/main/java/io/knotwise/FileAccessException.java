package io.knotwise;

/** A file or stream could not be read or written (a report, a model, the terminal). */
public final class FileAccessException extends KnotwiseException {

    public FileAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
