package io.knotwise.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Turns rendered as Block Kit stay escaped and within Slack's limits. */
class SlackBlocksTest {

    private final SlackBlocks blocks = new SlackBlocks(new ObjectMapper());

    private static Turn turn(List<Message> messages, List<QuickReply> replies) {
        return new Turn("c1", messages, replies, null, null, null, List.of());
    }

    @Test
    void markupCharactersAreEscapedInSectionsAndTheNotificationText() {
        List<ObjectNode> bodies = blocks.messages("C1", turn(List.of(
                Message.of(Message.TEXT, "Press <firmly> & slowly"), Message.of(Message.STEP, "Step 1 of 2: hold")),
                List.of()));

        assertThat(bodies).hasSize(1);
        JsonNode body = bodies.get(0);
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Press &lt;firmly&gt; &amp; slowly");
        assertThat(body.at("/blocks/1/text/text").asText()).isEqualTo("Step 1 of 2: hold");
        assertThat(body.get("text").asText()).isEqualTo("Press &lt;firmly&gt; &amp; slowly\n\nStep 1 of 2: hold");
        assertThat(body.get("blocks")).hasSize(2);
    }

    @Test
    void moreThanTwentyFiveButtonsGoInSeveralActionsBlocksWithUniqueIds() {
        List<QuickReply> replies = IntStream.range(0, 30).mapToObj(i -> new QuickReply("Option " + i, Payload
                .of("pick", "n", i)))
                .toList();

        JsonNode body = blocks.messages("C1", turn(List.of(Message.of(Message.TEXT, "Pick one")), replies)).get(0);

        assertThat(body.at("/blocks/1/type").asText()).isEqualTo("actions");
        assertThat(body.at("/blocks/1/elements")).hasSize(25);
        assertThat(body.at("/blocks/2/elements")).hasSize(5);
        assertThat(body.at("/blocks/2/elements/4/action_id").asText()).isEqualTo("kw_29");
        assertThat(body.at("/blocks/2/elements/4/value").asText()).isEqualTo("/pick{\"n\": 29}");
    }

    @Test
    void overlongTitlesAreShortenedAndOverlongPayloadsLeftOut() {
        List<QuickReply> replies = List.of(new QuickReply("t".repeat(100), Payload.of("ok")),
                new QuickReply("Too long", Payload.of("x" + "y".repeat(2000))));

        JsonNode elements = blocks.messages("C1", turn(List.of(), replies)).get(0).at("/blocks/0/elements");

        assertThat(elements).hasSize(1);
        assertThat(elements.at("/0/text/text").asText()).hasSize(SlackBlocks.MAX_BUTTON_TEXT);
    }

    @Test
    void aLongMessageIsSplitIntoSectionsAtWordsAndNeverInsideAnEntity() {
        String text = "a".repeat(2998) + "&" + "b".repeat(100) + " word".repeat(700);

        List<String> pieces = SlackBlocks.pieces(SlackBlocks.escape(text));

        assertThat(pieces).allMatch(p -> p.length() <= SlackBlocks.MAX_SECTION_TEXT && !p.isBlank());
        assertThat(pieces.get(0)).endsWith("a");
        assertThat(pieces.get(1)).startsWith("&amp;b");
        assertThat(String.join("", pieces).replace(" ", "")).isEqualTo(SlackBlocks.escape(text).replace(" ", ""));
    }

    @Test
    void aTurnOverFiftyBlocksBecomesSeveralMessagesAndAnEmptyTurnNone() {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            messages.add(Message.of(Message.TEXT, "line " + i));
        }

        List<ObjectNode> bodies = blocks.messages("C1", turn(messages, List.of(new QuickReply("Next", Payload
                .of("next")))));

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).get("blocks")).hasSize(50);
        assertThat(bodies.get(1).get("blocks")).hasSize(11);
        assertThat(bodies.get(1).at("/blocks/10/type").asText()).isEqualTo("actions");
        assertThat(blocks.messages("C1", turn(List.of(), List.of()))).isEmpty();
    }
}
