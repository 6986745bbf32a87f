package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.Answer;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.safety.Category;
import io.knotwise.safety.Tier;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One check, made on the engine tests' fixture ({@code CautionAnswersTest}) and on the shipped dialogs ({@code
 * ShippedDialogsTest}): once a caution is raised by its checklist button, a question about what it restricts is
 * answered in the caution's own variant; an answer about nothing it restricts is said as it is. Stateless.
 */
public final class CautionAnswerCheck {

    private CautionAnswerCheck() {
    }

    /** Each checklist button that raises a caution restricting answers, with its category, times each question. */
    public static Stream<Arguments> cautionsAndQuestions(Guidebook book, Map<String, String> questions) {
        return book.safety().checklist().groups().stream()
                .flatMap(group -> group.categories().stream().map(id -> Map.entry(group.id(), id)))
                .filter(e -> book.safety().category(e.getValue()).map(c -> c.tier() == Tier.CAUTION
                        && !c.restricts().isEmpty()).orElse(false))
                .flatMap(e -> questions.keySet().stream().sorted().map(q -> Arguments.of(e.getKey(), e.getValue(), q)));
    }

    /**
     * Presses the button in a fresh conversation of the engine, asks the question (of the intent {@code questions}
     * gives it) and checks the answer; a variant never says any of {@code neverInAVariant} (the default figures).
     */
    public static void answersInTheCautionsOwnVariant(Guidebook book, Engine engine, Map<String, String> questions,
                                                     String button, String category, String question,
                                                     String... neverInAVariant) {
        String id = engine.start("en-GB").conversationId();
        engine.handle(id, Input.payload("/request_technique"));
        engine.handle(id, Input.payload("/affirm{\"checklist\": \"" + button + "\"}"));
        String normalized = String.join(" ", TextNormalizer.words(question));
        Answer answer = book.answers().answer(questions.get(question), normalized).orElseThrow();
        Category caution = book.safety().category(category).orElseThrow();

        String said = engine.handle(id, Input.text(question)).messages().get(0).text();

        assertThat(answer.about()).as("the answer to '%s' says what it is about", question).isNotEmpty();
        boolean restricted = answer.about().stream().anyMatch(caution.restricts()::contains);
        if (restricted || answer.cautions().containsKey(category)) {
            assertThat(said).isEqualTo(answer.cautions().get(category)).isNotEqualTo(answer.text())
                    .doesNotContain(neverInAVariant);
        } else {
            assertThat(said).isEqualTo(answer.text());
        }
    }
}
