package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.RealGuide;
import io.knotwise.safety.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers to the clarifying question, read by the real guide's models and rules. */
class ClarifyingAnswersTest {

    private static final String NUMB_ON_A_HARD_CHAIR =
            "my bum's gone numb on this hard kitchen chair, fine once I stand";

    private static Turn answered(String answer) {
        Engine engine = RealGuide.engineWithOwnStore();
        String id = engine.start("en-GB").conversationId();
        assertThat(engine.handle(id, Input.text(NUMB_ON_A_HARD_CHAIR)).state().node()).isEqualTo("clarify");
        return engine.handle(id, Input.text(answer));
    }

    @Test
    void aNoThatSaysTheNumbnessPassesIsANo() {
        Turn back = answered("no, it goes away as soon as I get up");

        assertThat(back.triage()).isNull();
        assertThat(back.state().node()).isNotIn("clarify", "escalation");
    }

    @Test
    void aNoRunIntoWhatPassesIsANoToo() {
        Turn back = answered("no it wore off as soon as I stood up");

        assertThat(back.triage()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no, it's still numb now", "no it never wears off", "no it doesn't go away",
        "no it doesnt wear off"})
    void aNoThatSaysTheNumbnessLastsTakesTheEmergency(String answer) {
        Turn still = answered(answer);

        assertThat(still.triage().tier()).as(answer).isEqualTo(Tier.EMERGENCY);
        assertThat(still.state().node()).isEqualTo("escalation");
    }

    @Test
    void aNoThatAddsAnotherWarningSignTakesTheEmergency() {
        Turn worse = answered("no it goes away when I stand, but I can't pee properly since this morning");

        assertThat(worse.triage().tier()).isEqualTo(Tier.EMERGENCY);
    }
}
