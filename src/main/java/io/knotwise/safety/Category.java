package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.Set;

/**
 * A red-flag category of SAFETY.md as data: its terms, its combinations and what it changes. Immutable.
 *
 * @param allOf combinations: each entry is a list of term groups, one term from every group must appear
 * @param emergencyTerms terms that raise this category to {@code emergency}
 * @param emergencyAllOf combinations that raise this category to {@code emergency}
 * @param unsureTerms vague mentions that earn one clarifying question rather than a flag
 * @param unsureAllOf vague combinations ("chest" with "funny") that earn the clarifying question too
 * @param clarify the clarifying question; a yes (or an unclear answer) raises the category
 * @param excludedTools tools no technique may use while this (caution) category is raised
 * @param excludedTechniques techniques not offered while it is raised (skin rolling over sunburnt skin)
 * @param maxPressure the highest pressure a technique may ask for while it is raised, or null
 * @param restricts what a caution changes in every answer while it is raised, of {@link #SUBJECTS}: an answer about
 *     one of them needs a variant for this category
 * @param contact who to contact today when this category is raised, where that is not the locale's urgent contact
 *     (a midwife or maternity unit for pregnancy warning signs); null for the locale's
 * @param stopped what is said instead of {@code message} when the category stops a technique in progress (sharp or
 *     spreading pain during a step is not pain that has lasted weeks); null for the message
 */
public record Category(
        String id,
        Tier tier,
        String message,
        String caution,
        List<String> terms,
        List<List<List<String>>> allOf,
        List<String> emergencyTerms,
        List<List<List<String>>> emergencyAllOf,
        List<String> unsureTerms,
        List<List<List<String>>> unsureAllOf,
        String clarify,
        List<String> excludedTools,
        List<String> excludedTechniques,
        String maxPressure,
        List<String> restricts,
        String contact,
        String stopped,
        List<String> sources) {

    /**
     * What answers can be about that a caution may restrict: how hard to press, which tools, lying on balls or rollers,
     * and which techniques or routines to do.
     */
    public static final Set<String> SUBJECTS = Set.of("pressure", "tools", "lying", "plan");

    public Category {
        terms = Copies.list(terms);
        allOf = copy(allOf);
        emergencyAllOf = copy(emergencyAllOf);
        unsureAllOf = copy(unsureAllOf);
        emergencyTerms = Copies.list(emergencyTerms);
        unsureTerms = Copies.list(unsureTerms);
        excludedTools = Copies.list(excludedTools);
        excludedTechniques = Copies.list(excludedTechniques);
        restricts = Copies.list(restricts);
        sources = Copies.list(sources);
    }

    /** The highest tier this category can be raised at: emergency where it has emergency patterns. */
    public Tier highestTier() {
        return emergencyTerms.isEmpty() && emergencyAllOf.isEmpty() ? tier : Tier.EMERGENCY;
    }

    private static List<List<List<String>>> copy(List<List<List<String>>> combinations) {
        return combinations == null ? List.of() : combinations.stream()
                .map(groups -> groups.stream().map(List::copyOf).toList())
                .toList();
    }
}
