package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private final NluDataLoader loader = new NluDataLoader(Path.of("models"));
    private final EntityExtractor extractor = new EntityExtractor(loader.lexicon(), loader.patterns());

    @Test
    void findsALayBodyAreaWithItsOffsets() {
        String text = "how do I release knots between my shoulder blades";
        var entities = extractor.extract(text);

        assertThat(entities).anySatisfy(e -> {
            assertThat(e.entity()).isEqualTo("body_area");
            assertThat(e.value()).isEqualTo("between_shoulder_blades");
            assertThat(text.substring(e.start(), e.end())).isEqualTo("between my shoulder blades");
        });
    }

    @Test
    void readsDurationInMinutesFromDigitsAndWords() {
        assertThat(extractor.extract("I have 5 mins")).contains(new Entity("duration", 5, 7, 13));
        assertThat(extractor.extract("ten minutes tops")).anyMatch(e -> e.entity().equals("duration")
                && e.value().equals(10));
        assertThat(extractor.extract("about half an hour")).anyMatch(e -> e.entity().equals("duration")
                && e.value().equals(30));
    }

    @Test
    void readsSeverityOutOfTen() {
        assertThat(extractor.extract("it's a 7/10")).anyMatch(e -> e.entity().equals("severity") && e.value()
                .equals(7));
        assertThat(extractor.extract("seven out of ten")).anyMatch(e -> e.entity().equals("severity")
                && e.value().equals(7));
        assertThat(extractor.extract("pretty bad today")).anyMatch(e -> e.entity().equals("severity")
                && e.value().equals(7));
    }

    @Test
    void tellsHowLongItHasLastedApartFromTimeAvailable() {
        assertThat(extractor.extract("for about two weeks")).anyMatch(e -> e.entity().equals("onset")
                && e.value().equals("weeks"));
        assertThat(extractor.extract("for about two weeks")).noneMatch(e -> e.entity().equals("duration"));
    }

    @Test
    void findsToolsAndSide() {
        var entities = extractor.extract("I've got a tennis ball and the pain is on my left side");
        assertThat(entities).anyMatch(e -> e.entity().equals("tool") && e.value().equals("tennis_ball"));
        assertThat(entities).anyMatch(e -> e.entity().equals("side") && e.value().equals("left"));
    }

    @Test
    void aToolTheUserDoesNotHaveIsExtractedAsWithoutToolAndNoToolsMeansHands() {
        assertThat(extractor.extract("I don't have a tennis ball")).noneMatch(e -> e.entity().equals("tool"));
        assertThat(extractor.extract("I live alone, no partner")).singleElement()
                .satisfies(e -> assertThat(e.entity() + "=" + e.value()).isEqualTo("without_tool=partner"));
        assertThat(extractor.extract("a tennis ball but no lacrosse ball"))
                .extracting(e -> e.entity() + "=" + e.value())
                .containsExactly("tool=tennis_ball", "without_tool=lacrosse_ball");
        assertThat(extractor.extract("no tools, just my hands")).allMatch(e -> e.value().equals("hands"));
    }

    @Test
    void weeksOfPregnancyAndYearsOfAgeAreNotHowLongItHasHurt() {
        assertThat(extractor.extract("I'm 24 weeks pregnant")).noneMatch(e -> e.entity().equals("onset"));
        assertThat(extractor.extract("I am 45 years old")).noneMatch(e -> e.entity().equals("onset"));
        assertThat(extractor.extract("24 weeks pregnant, pain for 2 weeks")).filteredOn(e -> e.entity().equals("onset"))
                .hasSize(1);
    }

    @Test
    void weeksRightAfterSayingSomeoneIsPregnantAreHowFarAlongNotHowLongItHasHurt() {
        assertThat(extractor.extract("Mum-to-be here, 30 weeks, shoulders in knots"))
                .noneMatch(e -> e.entity().equals("onset"));
        assertThat(extractor.extract("pregnant and my back has hurt for 3 weeks"))
                .filteredOn(e -> e.entity().equals("onset")).hasSize(1);
    }
}
