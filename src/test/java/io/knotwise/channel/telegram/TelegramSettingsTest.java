package io.knotwise.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.KnotwiseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Telegram channel is on only with both secrets, read without the newline a mounted secret file ends with. */
class TelegramSettingsTest {

    @Test
    void theChannelIsOffWithoutSecretsAndOnWithBothTrimmed() {
        assertThat(TelegramSettings.from(Map.of())).isEmpty();

        var settings = TelegramSettings.from(Map.of("KNOTWISE_TELEGRAM_BOT_TOKEN", "123456:ABCdef_ghi-jkl\n",
                "KNOTWISE_TELEGRAM_SECRET_TOKEN", " s3cret ")).orElseThrow();

        assertThat(settings.botToken()).isEqualTo("123456:ABCdef_ghi-jkl");
        assertThat(settings.secretToken()).isEqualTo("s3cret");
    }

    @Test
    void onlyOneOfTheTwoRefusesToStartAndSaysWhichIsMissing() {
        assertThatThrownBy(() -> TelegramSettings.from(Map.of("KNOTWISE_TELEGRAM_BOT_TOKEN", "123456:ABCdef_ghi-jkl")))
                .isInstanceOf(KnotwiseException.class).hasMessageContaining("KNOTWISE_TELEGRAM_SECRET_TOKEN");
    }

    @Test
    void aMalformedTokenRefusesToStartWithoutSayingIt() {
        assertThatThrownBy(() -> TelegramSettings.from(Map.of("KNOTWISE_TELEGRAM_BOT_TOKEN", "123456:has a space",
                "KNOTWISE_TELEGRAM_SECRET_TOKEN", "s3cret")))
                .isInstanceOf(KnotwiseException.class).hasMessageNotContaining("has a space");
    }
}
