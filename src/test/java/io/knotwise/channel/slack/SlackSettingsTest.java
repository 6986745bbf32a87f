package io.knotwise.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.KnotwiseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Slack channel is on only with both secrets, and never shows them. */
class SlackSettingsTest {

    @Test
    void theChannelIsOffWithoutSecretsAndOnWithBoth() {
        assertThat(SlackSettings.from(Map.of())).isEmpty();
        assertThat(SlackSettings.from(Map.of("KNOTWISE_SLACK_SIGNING_SECRET", " ", "KNOTWISE_SLACK_BOT_TOKEN", "")))
                .isEmpty();

        SlackSettings settings = SlackSettings.from(Map.of("KNOTWISE_SLACK_SIGNING_SECRET", "s3cret",
                "KNOTWISE_SLACK_BOT_TOKEN", "xoxb-1")).orElseThrow();

        assertThat(settings.signingSecret()).isEqualTo("s3cret");
        assertThat(settings.botToken()).isEqualTo("xoxb-1");
        assertThat(settings.apiBase()).isEqualTo("https://slack.com/api");
    }

    @Test
    void theApiBaseCanBeChangedAndLosesItsTrailingSlash() {
        SlackSettings settings = SlackSettings.from(Map.of("KNOTWISE_SLACK_SIGNING_SECRET", "s3cret",
                "KNOTWISE_SLACK_BOT_TOKEN", "xoxb-1", "KNOTWISE_SLACK_API_BASE", "http://127.0.0.1:9999/api/"))
                .orElseThrow();

        assertThat(settings.apiBase()).isEqualTo("http://127.0.0.1:9999/api");
        assertThatThrownBy(() -> new SlackSettings("s", "t", "slack.com/api")).isInstanceOf(KnotwiseException.class)
                .hasMessageContaining("KNOTWISE_SLACK_API_BASE");
    }

    @Test
    void onlyOneOfTheTwoRefusesToStartAndSaysWhichIsMissing() {
        assertThatThrownBy(() -> SlackSettings.from(Map.of("KNOTWISE_SLACK_BOT_TOKEN", "xoxb-1")))
                .isInstanceOf(KnotwiseException.class).hasMessageContaining("only the bot token is set")
                .hasMessageNotContaining("xoxb-1");
        assertThatThrownBy(() -> SlackSettings.from(Map.of("KNOTWISE_SLACK_SIGNING_SECRET", "s3cret")))
                .isInstanceOf(KnotwiseException.class).hasMessageContaining("only the signing secret is set")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void toStringNeverShowsTheSecretOrTheToken() {
        String shown = new SlackSettings("s3cret-value", "xoxb-token-value", null).toString();

        assertThat(shown).doesNotContain("s3cret-value").doesNotContain("xoxb-token-value")
                .contains("https://slack.com/api");
    }
}
