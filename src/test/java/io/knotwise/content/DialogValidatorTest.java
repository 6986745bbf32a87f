package io.knotwise.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.knotwise.Guide;
import io.knotwise.InvalidDataException;
import io.knotwise.RealGuide;
import io.knotwise.Settings;
import io.knotwise.engine.Engine;
import io.knotwise.nlu.Example;
import io.knotwise.nlu.NluDataLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialogValidatorTest {

    private static final Path DIALOGS = Path.of("dialogs");

    @Test
    void theRealDialogsAndCatalogueAreValid() {
        Guidebook book = RealGuide.guide().book();
        var intents = new NluDataLoader(Path.of("models")).examples().stream()
                .map(Example::intent).distinct().toList();
        var lexicon = new NluDataLoader(Path.of("models")).lexicon();
        assertThat(new DialogValidator(intents, Engine.RESPONSES, Engine.INTENTS, Engine.SLOTS, lexicon)
                .validate(book)).isEmpty();
    }

    @Test
    void theCatalogueHoldsEveryTechniqueOfTheGuidesWithStepsAndASource() {
        Guidebook book = RealGuide.guide().book();
        assertThat(book.techniques()).containsKeys("shoulder_knead", "cross_body_cat_stretch", "tennis_ball_wall",
                "two_ball_thoracic_release", "effleurage_long_strokes", "trigger_point_pressure",
                "scapular_retraction", "partner_knot_pressure", "partner_friction", "partner_myofascial_release",
                "partner_skin_rolling", "partner_effleurage", "shoulder_shrugs", "circular_self_massage",
                "warm_compress", "ice_therapy");
        assertThat(book.techniques()).as("hot stones are a professional style in the guides, not a walk")
                .doesNotContainKey("hot_stones");
        assertThat(book.catalogue()).allSatisfy(t -> {
            assertThat(t.steps()).isNotEmpty();
            assertThat(book.guides()).containsKey(t.source());
        });
        assertThat(book.styles()).containsKeys("swedish", "deep_tissue", "hot_stone", "trigger_point_therapy",
                "myofascial_release", "shiatsu_acupressure", "aromatherapy");
        assertThat(book.routines()).containsKeys("quick", "full_sequence");
    }

    @Test
    void partnerTechniquesStartWithTheirSetUp() {
        Guidebook book = RealGuide.guide().book();
        Setup setup = book.setups().get("partner_massage");
        assertThat(book.techniques().get("partner_friction").steps()).startsWith(setup.steps().toArray(Step[]::new));
    }

    @Test
    void aBrokenGraphIsReportedByFileAndNode(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Path guidance = copy.resolve("flow/guidance.yml");
        Files.writeString(guidance, Files.readString(guidance).replace("next: checkin", "next: nowhere")
                + "\n  - id: orphan\n    type: choice\n    say: farewell\n    on: {affirm: recommend}\n");
        var settings = Settings.from(Map.of("KNOTWISE_DIALOGS", copy.toString(), "KNOTWISE_MODELS", "models"));

        assertThatThrownBy(() -> Guide.load(settings))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).contains(
                        "flow/guidance.yml: walk: next: target 'nowhere' does not exist",
                        "flow/guidance.yml: orphan: unreachable from greeting"));
    }

    @Test
    void anAnswerOrResponseAboutWhatACautionRestrictsNeedsAVariantForIt(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Path answers = copy.resolve("answers.yml");
        Files.writeString(answers, Files.readString(answers).replaceFirst(
                "(?s)(      - id: pressure\n.*?)          pregnancy: >-\n(?:            [^\n]*\n)+", "$1"));
        Path responses = copy.resolve("responses.yml");
        Files.writeString(responses, Files.readString(responses).replaceFirst(
                "  discomfort@pregnancy:\n    - .*\n", ""));
        var settings = Settings.from(Map.of("KNOTWISE_DIALOGS", copy.toString(), "KNOTWISE_MODELS", "models"));

        assertThatThrownBy(() -> Guide.load(settings))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).containsExactly(
                        "answers.yml: pressure: is about pressure, which pregnancy restricts, but has no variant for "
                                + "it",
                        "responses.yml: discomfort: is about pressure, which pregnancy restricts, but has no variant"
                                + " for it"));
    }

    @Test
    void aResponseNothingSaysAndAFileOfAnotherVersionAreReported(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Path responses = copy.resolve("responses.yml");
        Files.writeString(responses, Files.readString(responses).replace("responses:\n",
                "responses:\n  greting:\n    - \"Hello!\"\n"));
        Path styles = copy.resolve("styles.yml");
        Files.writeString(styles, Files.readString(styles).replace("version: \"1\"", "version: \"2\""));
        var settings = Settings.from(Map.of("KNOTWISE_DIALOGS", copy.toString(), "KNOTWISE_MODELS", "models"));

        assertThatThrownBy(() -> Guide.load(settings))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).contains(
                        "styles.yml: version must be \"1\", was \"2\""));
        Files.writeString(styles, Files.readString(styles).replace("version: \"2\"", "version: \"1\""));
        assertThatThrownBy(() -> Guide.load(settings))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).contains(
                        "responses.yml: greting: never said (no node or engine step uses it)"));
    }

    @Test
    void anUnknownIntentAndAMissingSourceAreReported(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Path flow = copy.resolve("flow/guidance.yml");
        Files.writeString(flow, Files.readString(flow).replace("feedback_better: wrapup_better",
                "feel_great: wrapup_better"));
        Path technique = copy.resolve("techniques/shoulder_knead.yml");
        Files.writeString(technique, Files.readString(technique).replace("source: seven_techniques",
                "source: a_blog_we_made_up"));
        var settings = Settings.from(Map.of("KNOTWISE_DIALOGS", copy.toString(), "KNOTWISE_MODELS", "models"));

        assertThatThrownBy(() -> Guide.load(settings))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).contains(
                        "flow/guidance.yml: checkin: intent 'feel_great' is not one the model knows",
                        "techniques/shoulder_knead.yml: shoulder_knead: source 'a_blog_we_made_up' is not a guide of "
                                + "guides.yml"));
    }

    @Test
    void aMalformedFileIsReportedWithItsName(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Files.writeString(copy.resolve("routines.yml"), "version: \"1\"\nroutines: [unclosed\n");

        assertThatThrownBy(() -> ContentLoader.load(copy))
                .isInstanceOfSatisfying(InvalidDataException.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.startsWith("routines.yml: ")));
    }

    @Test
    void missingAndNullValuesAreReportedByFileNotAsANullPointer(@TempDir Path copy) throws IOException {
        copyDialogs(copy);
        Path global = copy.resolve("flow/global.yml");
        Files.writeString(global, Files.readString(global).replaceAll("(?m)^on:\n(?:  .*\n)+", ""));
        Path routines = copy.resolve("routines.yml");
        Files.writeString(routines, Files.readString(routines).replace("  - id: quick\n",
                "  - name: no id\n    minutes: 5\n  - id: quick\n"));
        Path responses = copy.resolve("responses.yml");
        Files.writeString(responses, Files.readString(responses).replace("responses:\n",
                "responses:\n  empty: [~]\n"));

        assertThatThrownBy(() -> ContentLoader.load(copy))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("responses.yml: "))
                        .allMatch(p -> !p.contains("NullPointerException")));
        Files.writeString(responses, Files.readString(DIALOGS.resolve("responses.yml")));

        assertThatThrownBy(() -> ContentLoader.load(copy))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.problems()).contains(
                        "routines.yml: an item has no id", "flow/global.yml: a required value is missing"));
    }

    private static void copyDialogs(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(DIALOGS)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(DIALOGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
    }
}
