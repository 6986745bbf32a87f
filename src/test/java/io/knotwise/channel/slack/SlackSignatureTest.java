package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.UnverifiedRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's v0 request signature, checked against the worked example in Slack's documentation. */
class SlackSignatureTest {

    // Slack's documented example: secret, timestamp, body and the signature Slack sent for them.
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
            + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignature at(long epochSecond) {
        return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void slacksDocumentedExampleVerifies() {
        assertThatCode(() -> at(1531420618L + 30).verify(TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
    }

    @Test
    void aChangedBodyOrAnotherSecretFails() {
        byte[] changed = BODY.clone();
        changed[0] = 'T';

        assertThatThrownBy(() -> at(1531420618L).verify(TIMESTAMP, SIGNATURE, changed))
                .isInstanceOf(UnverifiedRequestException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> new SlackSignature("another", Clock.fixed(Instant.ofEpochSecond(1531420618L),
                ZoneOffset.UTC)).verify(TIMESTAMP, SIGNATURE, BODY))
                .isInstanceOf(UnverifiedRequestException.class);
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayFailsEitherWay() {
        assertThatCode(() -> at(1531420618L + 300).verify(TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> at(1531420618L + 301).verify(TIMESTAMP, SIGNATURE, BODY))
                .isInstanceOf(UnverifiedRequestException.class).hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> at(1531420618L - 301).verify(TIMESTAMP, SIGNATURE, BODY))
                .isInstanceOf(UnverifiedRequestException.class).hasMessageContaining("5 minutes");
    }

    @Test
    void missingOrMalformedHeadersFail() {
        SlackSignature signature = at(1531420618L);

        for (String[] headers : new String[][] {{null, SIGNATURE}, {TIMESTAMP, null}, {"", SIGNATURE},
            {"yesterday", SIGNATURE}, {String.valueOf(Long.MIN_VALUE), SIGNATURE}, {TIMESTAMP, "v1=abc"},
            {TIMESTAMP, SIGNATURE.substring(3)}, {TIMESTAMP, SIGNATURE.toUpperCase()}, {TIMESTAMP, "v0="}}) {
            assertThatThrownBy(() -> signature.verify(headers[0], headers[1], BODY))
                    .as(headers[0] + " / " + headers[1]).isInstanceOf(UnverifiedRequestException.class);
        }
    }
}
