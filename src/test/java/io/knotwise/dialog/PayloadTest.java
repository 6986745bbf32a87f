package io.knotwise.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.knotwise.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void aPayloadWrittenAsDataInADialogFileIsSentInRasasForm() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());

        QuickReply reply = yaml.readValue(
                "{title: Base of my neck, payload: {intent: describe_symptom, entities: {body_area: neck_base}}}",
                QuickReply.class);

        assertThat(reply.payload()).isEqualTo(Payload.of("describe_symptom", "body_area", "neck_base"));
        assertThat(reply.payload().text()).isEqualTo("/describe_symptom{\"body_area\": \"neck_base\"}");
        assertThat(new ObjectMapper().writeValueAsString(reply))
                .isEqualTo("{\"title\":\"Base of my neck\",\"payload\":\"/describe_symptom{\\\"body_area\\\": \\\"neck_base\\\"}\"}");
    }

    @Test
    void aStoredQuickReplyWithItsPayloadAsTextReadsBack() throws Exception {
        var json = new ObjectMapper();

        QuickReply reply = json.readValue("{\"title\":\"Bad\",\"payload\":\"/describe_symptom{\\\"severity\\\": 8}\"}",
                QuickReply.class);

        assertThat(reply.payload()).isEqualTo(new Payload("describe_symptom", Map.of("severity", 8)));
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
    void aDialogFilePayloadWithUnknownKeysIsRefused() {
        var yaml = new ObjectMapper(new YAMLFactory());

        assertThatThrownBy(() -> yaml.readValue("{title: X, payload: {intnet: next}}", QuickReply.class))
                .hasMessageContaining("a payload is {intent: name, entities: {name: value}}");
    }
}
