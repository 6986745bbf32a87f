package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the real model and lexicon read typos, near-misses and entities, with the calibrated decision rule. */
class UnderstandingTest {

    private static MessageParser parser;

    @BeforeAll
    static void load() {
        var loader = new NluDataLoader(Path.of("models"));
        parser = new MessageParser(loader.intentClassifier(),
                new EntityExtractor(loader.lexicon(), loader.patterns(), loader.englishWords()),
                loader.settings().threshold(), loader.settings().margin());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nxt | next",
        "nxt pls | next",
        "show me the tenis bal one | request_technique",
        "how do i loosen my trapz | request_technique",
        "knots between my shoulderblades | describe_symptom"})
    void typosAreStillUnderstood(String text, String intent) {
        assertThat(parser.parse(text).decided().name()).isEqualTo(intent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "go back to settings",
        "how much cash back do I get on this card",
        "what's the weather in Spain next week",
        "what colour should I paint the fence",
        "my lower back hurts when I run",
        "how many ibuprofen can I take a day"})
    void nearMissesAreOutOfScope(String text) {
        assertThat(parser.parse(text).outOfScope()).as(text).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ten-four | affirm",
        "negative ghost rider | deny",
        "toodle-pip | goodbye",
        "hooroo | goodbye",
        "much obliged to you | thanks"})
    void aMoveSaidInAWordNoExampleUsesIsThatMove(String text, String intent) {
        assertThat(parser.parse(text).decided().name()).as(text).isEqualTo(intent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "help me write an email to my landlord",
        "can we stop my gym membership",
        "how do you say goodbye in spanish"})
    void aLongerRequestHoldingAMoveWordIsReadByItsOtherWords(String text) {
        assertThat(parser.parse(text).outOfScope()).as(text).isTrue();
    }

    @Test
    void aMoveLexiconNamingNoIntentIsRefusedAtLoading(@TempDir Path models) throws IOException {
        Files.createDirectories(models.resolve("intents"));
        Files.writeString(models.resolve("intents/greet.txt"), "hi\n");
        Files.writeString(models.resolve("nlu.yml"), "features:\n  moves: moves.yml\n");
        Files.writeString(models.resolve("moves.yml"), "gret: [\"hiya\"]\n");
        Files.writeString(models.resolve("entities.yml"), "version: \"1\"\n");
        assertThatThrownBy(() -> new NluDataLoader(models).entityClasses()).isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("gret is not an intent");
    }

    @Test
    void layBodyAreasAreFoundWithTheirOffsets() {
        assertThat(entity("it's right at the base of my skull", "body_area")).isEqualTo("neck_base");
        assertThat(entity("the top of my shoulders is tight", "body_area")).isEqualTo("upper_trapezius");
        assertThat(entity("a knot next to my spine", "body_area")).isEqualTo("along_spine");
        String text = "how do I release knots between my shoulder blades";
        var area = parser.parse(text).entities().stream().filter(e -> e.entity().equals("body_area")).findFirst()
                .orElseThrow();
        assertThat(text.substring(area.start(), area.end())).isEqualTo("between my shoulder blades");
    }

    @Test
    void toolsSideDurationAndSeverityAreFound() {
        assertThat(entity("I've got a tenis bal", "tool")).isEqualTo("tennis_ball");
        assertThat(entity("it's on my left side", "side")).isEqualTo("left");
        assertThat(entity("5 mins", "duration")).isEqualTo(5);
        assertThat(entity("ten minutes", "duration")).isEqualTo(10);
        assertThat(entity("about 7/10", "severity")).isEqualTo(7);
        assertThat(entity("seven out of ten", "severity")).isEqualTo(7);
        assertThat(entity("pretty bad", "severity")).isEqualTo(7);
    }

    private static Object entity(String text, String name) {
        return parser.parse(text).entities().stream().filter(e -> e.entity().equals(name)).findFirst()
                .map(Entity::value).orElse(null);
    }
}
