package io.knotwise.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.KnotwiseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WhatsApp channel is on only with all four settings, and half a configuration stops the start with a reason. */
class WhatsAppSettingsTest {

    @Test
    void theChannelIsOffWithNoSettingAndOnWithAllFour() {
        assertThat(WhatsAppSettings.from(Map.of())).isEmpty();

        assertThat(WhatsAppSettings.from(Map.of("KNOTWISE_WHATSAPP_ACCESS_TOKEN", "EAAG",
                "KNOTWISE_WHATSAPP_APP_SECRET",
                "s", "KNOTWISE_WHATSAPP_VERIFY_TOKEN", "v", "KNOTWISE_WHATSAPP_PHONE_NUMBER_ID", "1"))).isPresent();
    }

    @Test
    void someButNotAllSettingsRefuseToStartAndNameWhatIsMissing() {
        assertThatThrownBy(() -> WhatsAppSettings.from(Map.of("KNOTWISE_WHATSAPP_APP_SECRET", "s")))
                .isInstanceOf(KnotwiseException.class).hasMessageContaining("KNOTWISE_WHATSAPP_ACCESS_TOKEN")
                .hasMessageContaining("KNOTWISE_WHATSAPP_PHONE_NUMBER_ID");
    }
}
