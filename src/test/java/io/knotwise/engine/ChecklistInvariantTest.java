package io.knotwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The engine keeps the checklist invariant: explored from every node of the fixture's graph (with a node of each
 * type the shipped graph uses) with every intent, choice and offered button, no path starts a technique before the
 * red-flag checklist was answered ({@link ChecklistExploration}; the shipped graph is explored by
 * {@code ShippedDialogsTest}).
 */
class ChecklistInvariantTest {

    @Test
    void noPathFromAnyNodeStartsATechniqueBeforeTheChecklistIsAnswered() {
        int walksStarted = ChecklistExploration.walksStarted(Fixtures.dialogs(), Fixtures.entities(), "fever");

        assertThat(walksStarted).as("the exploration reaches techniques at all").isGreaterThan(50);
    }
}
