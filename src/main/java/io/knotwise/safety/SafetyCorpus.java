package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;

/**
 * The red-flag test corpus of {@code models/safety/fitted-corpus.yml}: per category, phrasings that must raise it (at
 * its tier or an expected one) and phrasings that must not; phrasings with a modifier; benign messages. Immutable.
 */
public record SafetyCorpus(Map<String, Cases> categories, List<Case> modifiers, List<String> benign) {

    public SafetyCorpus {
        categories = Map.copyOf(categories);
        modifiers = List.copyOf(modifiers);
        benign = List.copyOf(benign);
    }

    /** One category's cases. */
    public record Cases(List<Case> positives, List<Case> negatives) {

        public Cases {
            positives = Copies.list(positives);
            negatives = Copies.list(negatives);
        }
    }

    /**
     * One phrasing; {@code tier} (a tier id) and {@code category} are set where they differ from the defaults.
     *
     * @param why what the phrasing tests (lay, typo, negated...), for the report
     */
    public record Case(String text, String tier, String category, String why) {
    }
}
