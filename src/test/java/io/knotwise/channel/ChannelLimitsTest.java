package io.knotwise.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.RateLimitedException;
import io.knotwise.RealGuide;
import io.knotwise.engine.Input;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Every channel's users are held to a rate limit, and an emergency gets through it once. */
class ChannelLimitsTest {

    private final ChannelConversations conversations =
            RealGuide.channelsWithOwnStore(new ChannelConversations.Limits(1000, 2));

    @Test
    void aUserOverTheLimitIsRefusedAndToldOnceNotOncePerMessage() {
        conversations.send("telegram", "42", Input.text("hi"));
        conversations.send("telegram", "42", Input.text("my upper back is stiff"));

        var limited = Assertions.assertThrows(RateLimitedException.class,
                () -> conversations.send("telegram", "42", Input.text("about two weeks")));

        assertThat(conversations.slowDown("telegram", "42", limited)).hasValueSatisfying(notice ->
                assertThat(notice.messages().get(0).text()).contains("faster than I can take them in"));
        assertThat(conversations.slowDown("telegram", "42", limited)).isEmpty();
        assertThat(conversations.send("telegram", "43", Input.text("hi")).messages()).isNotEmpty();
    }

    @Test
    void anEmergencyGetsThroughTheLimitUntilTheConversationHasEscalated() {
        conversations.send("whatsapp", "447700900123", Input.text("hi"));
        conversations.send("whatsapp", "447700900123", Input.text("my upper back is stiff"));

        var advice = conversations.send("whatsapp", "447700900123", Input.text("I have crushing chest pain"));

        assertThat(advice.triage().tier().escalates()).isTrue();
        assertThatThrownBy(() -> conversations.send("whatsapp", "447700900123", Input
                .text("I have crushing chest pain")))
                .isInstanceOf(RateLimitedException.class);
    }
}
