package io.knotwise.channel.slack;

import io.knotwise.KnotwiseException;

/** A call to Slack's Web API failed or was refused; the message names the method and Slack's error, never the token. */
final class SlackApiException extends KnotwiseException {

    SlackApiException(String message) {
        super(message);
    }

    SlackApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
