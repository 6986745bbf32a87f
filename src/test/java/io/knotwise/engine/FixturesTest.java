package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.knotwise.content.DialogValidator;
import io.knotwise.content.Guidebook;
import org.junit.jupiter.api.Test;

/** The engine tests' fixture is content the guide would start with: it passes the same validator as dialogs/. */
class FixturesTest {

    @Test
    void theFixtureDialogsAreValid() {
        Guidebook book = Fixtures.dialogs();

        var validator = new DialogValidator(Fixtures.intents(book), Engine.RESPONSES, Engine.INTENTS, Engine.SLOTS,
                Fixtures.lexicon());

        assertThat(validator.validate(book)).isEmpty();
    }
}
