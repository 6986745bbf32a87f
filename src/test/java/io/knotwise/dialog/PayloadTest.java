package io.knotwise.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void aPayloadWrittenAsDataIsSentInRasasForm() {
        Payload payload = Payload.from(Map.of("intent", "describe_symptom", "entities", Map.of("body_area",
                "neck_base")));

        assertThat(payload).isEqualTo(Payload.of("describe_symptom", "body_area", "neck_base"));
        assertThat(payload.text()).isEqualTo("/describe_symptom{\"body_area\": \"neck_base\"}");
        assertThat(Payload.from(Map.of("intent", "next")).text()).isEqualTo("/next");
    }

    @Test
    void aPayloadInRasasFormReadsBackAsTheSamePayload() {
        Payload severity = new Payload("describe_symptom", Map.of("severity", 8));

        assertThat(Payload.from(severity.text())).isEqualTo(severity);
    }

    @Test
    void aPayloadIsTheSameHoweverAChannelSpacesIt() {
        Payload payload = Payload.of("describe_symptom", "body_area", "neck_base");

        assertThat(payload.sameAs("/describe_symptom{\"body_area\":\"neck_base\"}")).isTrue();
        assertThat(payload.sameAs("/describe_symptom{\"body_area\": \"upper_back\"}")).isFalse();
        assertThat(payload.sameAs("not a payload")).isFalse();
    }

    @Test
    void aMalformedPayloadIsABadInputNamingTheExpectedForm() {
        assertThatThrownBy(() -> Payload.parse("describe_symptom"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("/intent");
        assertThatThrownBy(() -> Payload.parse("/describe_symptom{body_area: x}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("pairs");
    }

    @Test
    void aPayloadWithAMistypedKeyInADialogFileIsRefused() {
        assertThatThrownBy(() -> Payload.from(Map.of("intnet", "next")))
                .hasMessageContaining("a payload is {intent: name, entities: {name: value}}");
    }
}
