package io.knotwise;

/**
 * A setting, a command's arguments or the store named is wrong or missing; the message says which and how to fix it.
 */
public final class ConfigurationException extends KnotwiseException {

    public ConfigurationException(String message) {
        super(message);
    }
}
