package io.knotwise.content;

import io.knotwise.dialog.Responses;
import io.knotwise.safety.Category;
import io.knotwise.safety.Tier;
import io.knotwise.safety.TierAdvice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The red-flag rules and what their cautions change: every category sound (terms, a clarifying question carrying the
 * advice, sources), the checklist and mid-technique stops naming categories, every tier with its advice, and a
 * caution variant wherever a caution restricts what a response or answer is about. Each problem reads
 * {@code file: node: message}. One instance per check: it holds only that check's findings.
 */
final class SafetyChecks {

    private final List<String> problems = new ArrayList<>();

    private SafetyChecks() {
    }

    /** Every problem found. */
    static List<String> problems(Guidebook book) {
        var check = new SafetyChecks();
        check.safety(book);
        check.cautions(book);
        return List.copyOf(check.problems);
    }

    private void safety(Guidebook book) {
        var rules = book.safety();
        var ids = new HashSet<String>();
        rules.categories().forEach(c -> {
            if (!ids.add(c.id())) {
                problems.add("safety/categories.yml: " + c.id() + ": duplicate category");
            }
            if (c.terms().isEmpty() && c.allOf().isEmpty()) {
                problems.add("safety/categories.yml: " + c.id() + ": no terms and no combinations");
            }
            boolean unsure = !c.unsureTerms().isEmpty() || !c.unsureAllOf().isEmpty()
                    || c.highestTier().escalates();
            if (unsure && (c.clarify() == null || c.clarify().isBlank())) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": needs a clarify question (it can be asked about when"
                        + " the screen is unsure)");
            } else if (c.highestTier() == Tier.EMERGENCY && !c.clarify().contains("{number}")) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": the clarify question must already carry the emergency"
                        + " advice with {number}");
            }
            if (c.sources().isEmpty()) {
                problems.add("safety/categories.yml: " + c.id() + ": cites no sources");
            }
            if (c.tier() == Tier.CAUTION && (c.caution() == null || c.caution().isBlank())) {
                problems.add("safety/categories.yml: " + c.id()
                        + ": a caution category needs the caution shown on steps");
            }
            c.excludedTools().stream().filter(t -> !book.vocabulary().tools().containsKey(t))
                    .forEach(t -> problems.add("safety/categories.yml: " + c.id() + ": excluded tool '" + t
                            + "' is unknown"));
            c.excludedTechniques().stream().filter(t -> !book.techniques().containsKey(t))
                    .forEach(t -> problems.add("safety/categories.yml: " + c.id() + ": excluded technique '" + t
                            + "' is not in the catalogue"));
        });
        rules.checklist().groups().forEach(g -> g.categories().stream().filter(c -> !ids.contains(c))
                .forEach(c -> problems.add("safety/checklist.yml: checklist." + g.id() + ": unknown category '" + c
                        + "'")));
        rules.midTechniqueStop().stream().filter(s -> !ids.contains(s.category()))
                .forEach(s -> problems.add("safety/categories.yml: mid_technique_stop: unknown category '" + s
                        .category() + "'"));
        for (Tier tier : Tier.values()) {
            TierAdvice advice = rules.tiers().get(tier);
            if (advice == null) {
                problems.add("safety/advice.yml: tiers: missing " + tier.id());
            } else if (blank(advice.headline()) || blank(advice.text())) {
                problems.add("safety/advice.yml: tiers: " + tier.id() + ": needs a headline and a text");
            }
        }
        if (!rules.emergencyNumbers().containsKey("default")) {
            problems.add("safety/advice.yml: emergency_numbers: missing default");
        }
    }

    /**
     * Every answer, response and piece of advice about something a caution restricts (pressure, tools, lying on balls
     * or rollers, which techniques) has a variant for that caution, and every variant is for a caution category.
     */
    private void cautions(Guidebook book) {
        var cautions = book.safety().categories().stream().filter(c -> c.tier() == Tier.CAUTION).toList();
        var ids = cautions.stream().map(Category::id).collect(Collectors.toSet());
        for (Category c : book.safety().categories()) {
            String where = "safety/categories.yml: " + c.id() + ": ";
            c.restricts().stream().filter(s -> !Category.SUBJECTS.contains(s)).forEach(s -> problems.add(where
                    + "restricts '" + s + "', not one of " + new TreeSet<>(Category.SUBJECTS)));
            if (!c.restricts().isEmpty() && c.tier() != Tier.CAUTION) {
                problems.add(where + "only a caution category restricts answers (others stop or pause guidance)");
            }
            if (!c.excludedTools().isEmpty() && !c.restricts().containsAll(List.of("tools", "plan"))) {
                problems.add(where + "rules out tools, so it restricts tools and plan");
            }
            if (c.maxPressure() != null && !c.restricts().containsAll(List.of("pressure", "plan"))) {
                problems.add(where + "limits pressure, so it restricts pressure and plan");
            }
        }
        for (Answer a : book.answers().all()) {
            needsVariants("answers.yml: " + a.id(), a.about(), a.cautions().keySet(), cautions, ids);
        }
        book.tensionAdvice().forEach((kind, advice) -> needsVariants("routines.yml: tension_advice." + kind,
                List.of("plan"), advice.cautions().keySet(), cautions, ids));
        book.responses().about().forEach((key, about) -> {
            if (!book.responses().has(key)) {
                problems.add("responses.yml: about: " + key + ": no such response");
            }
            var variants = cautions.stream().map(Category::id)
                    .filter(id -> book.responses().has(key + Responses.VARIANT + id))
                    .collect(Collectors.toSet());
            needsVariants("responses.yml: " + key, about, variants, cautions, ids);
        });
        var tiers = Arrays.stream(Tier.values()).map(Tier::id).collect(Collectors.toSet());
        book.responses().keys().stream().filter(k -> k.contains(Responses.VARIANT)).forEach(k -> {
            String[] parts = k.split(Responses.VARIANT, 2);
            if (!book.responses().has(parts[0]) || !(ids.contains(parts[1]) || tiers.contains(parts[1]))) {
                problems.add("responses.yml: " + k + ": a variant needs a response '" + parts[0]
                        + "' and a caution category or a tier '" + parts[1] + "'");
            }
        });
        book.answers().escalationTiers().stream().filter(t -> Arrays.stream(Tier.values())
                .noneMatch(tier -> tier.id().equals(t))).forEach(t -> problems.add("answers.yml: after_escalation: "
                        + t + ": not a tier"));
        for (Tier tier : Tier.values()) {
            boolean answered = book.answers().escalationTiers().contains(tier.id());
            if (tier.stopsGuidance() != answered) {
                problems.add("answers.yml: after_escalation: " + tier.id() + (answered
                        ? ": does not stop guidance, so nothing is asked after it"
                        : ": missing; what the user asks after this tier needs plain, safe answers"));
            } else if (answered && book.answers().afterEscalation(tier.id(), "", true).isEmpty()) {
                problems.add("answers.yml: after_escalation: " + tier.id() + ": needs a default");
            }
        }
    }

    private void needsVariants(String where, List<String> about, Set<String> variants,
                               List<Category> cautions, Set<String> ids) {
        about.stream().filter(s -> !Category.SUBJECTS.contains(s)).forEach(s -> problems.add(where + ": about '" + s
                + "', not one of " + new TreeSet<>(Category.SUBJECTS)));
        variants.stream().filter(v -> !ids.contains(v))
                .forEach(v -> problems.add(where + ": a variant for '" + v + "', which is not a caution category"));
        for (Category c : cautions) {
            var restricted = about.stream().filter(c.restricts()::contains).toList();
            if (!restricted.isEmpty() && !variants.contains(c.id())) {
                problems.add(where + ": is about " + String.join(" and ", restricted) + ", which " + c.id()
                        + " restricts, but has no variant for it");
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
