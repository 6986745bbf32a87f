package io.knotwise.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The techniques, routines, styles and answers: steps, minutes and a source guide for each technique, and every name
 * they use declared. Each problem reads {@code file: node: message}. One instance per check: it holds only that
 * check's findings.
 */
final class CatalogueChecks {

    private final List<String> problems = new ArrayList<>();

    private CatalogueChecks() {
    }

    /** Every problem found. */
    static List<String> problems(Guidebook book) {
        var check = new CatalogueChecks();
        check.catalogue(book);
        return List.copyOf(check.problems);
    }

    private void catalogue(Guidebook book) {
        var areas = book.vocabulary().bodyAreas().keySet();
        var tools = book.vocabulary().tools().keySet();
        for (Technique t : book.catalogue()) {
            String where = "techniques/" + t.id() + ".yml: " + t.id() + ": ";
            if (t.steps().isEmpty()) {
                problems.add(where + "has no steps");
            }
            if (t.source() == null || !book.guides().containsKey(t.source())) {
                problems.add(where + "source '" + t.source() + "' is not a guide of guides.yml");
            }
            if (t.minutes() == null) {
                problems.add(where + "has no minutes");
            }
            if (!Set.of("self", "partner").contains(String.valueOf(t.performer()))) {
                problems.add(where + "performer must be self or partner");
            }
            if (!Set.of("light", "moderate", "firm").contains(String.valueOf(t.pressure()))) {
                problems.add(where + "pressure must be light, moderate or firm");
            }
            if (t.setup() != null && !book.setups().containsKey(t.setup())) {
                problems.add(where + "setup '" + t.setup() + "' is not in setups.yml");
            }
            t.bodyAreas().stream().filter(a -> !areas.contains(a))
                    .forEach(a -> problems.add(where + "body area '" + a + "' is not in vocabulary.yml"));
            t.tools().stream().filter(x -> !tools.contains(x))
                    .forEach(x -> problems.add(where + "tool '" + x + "' is not in vocabulary.yml"));
        }
        book.routines().values().forEach(r -> r.techniques().stream().filter(id -> !book.techniques().containsKey(id))
                .forEach(id -> problems.add("routines.yml: " + r.id() + ": technique '" + id + "' does not exist")));
        book.tensionAdvice().forEach((kind, advice) -> {
            if (advice.routine() == null || !book.routines().containsKey(advice.routine())) {
                problems.add("routines.yml: tension_advice." + kind + ": routine '" + advice.routine()
                        + "' does not exist");
            }
        });
        for (String kind : List.of("occasional", "accumulated")) {
            if (!book.tensionAdvice().containsKey(kind)) {
                problems.add("routines.yml: tension_advice: missing " + kind);
            }
        }
        book.styles().values().forEach(s -> s.sources().stream().filter(g -> !book.guides().containsKey(g))
                .forEach(g -> problems.add("styles.yml: " + s.id() + ": source '" + g + "' is not a guide")));
        book.answers().all().forEach(a -> a.sources().stream()
                .filter(g -> !book.guides().containsKey(g) && g.matches("[a-z_]+"))
                .forEach(g -> problems.add("answers.yml: " + a.id() + ": source '" + g + "' is not a guide id of "
                        + "guides.yml (a citation from SAFETY.md is written as its authors and year)")));
    }
}
