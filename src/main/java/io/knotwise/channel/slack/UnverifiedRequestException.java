package io.knotwise.channel.slack;

import io.knotwise.KnotwiseException;

/** A request to a Slack webhook is not provably from Slack: unsigned, forged, or too old; answered with a 401. */
final class UnverifiedRequestException extends KnotwiseException {

    UnverifiedRequestException(String message) {
        super(message);
    }
}
