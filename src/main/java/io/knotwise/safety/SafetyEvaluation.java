package io.knotwise.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link RedFlagDetector} over a {@link SafetyCorpus}: recall by category and by tier (a positive counts when
 * its category is raised at the expected tier or higher), and the false-alarm rate over negatives and benign
 * messages (a negative is a false alarm when it raises its category, a benign message when it raises anything).
 */
public final class SafetyEvaluation {

    /** A case that went wrong, and what the detector said. */
    public record Miss(String category, String expected, String text, String found) {
    }

    /** Hits out of cases. */
    public record Score(int hits, int total) {

        public double rate() {
            return total == 0 ? 1.0 : (double) hits / total;
        }
    }

    /**
     * Everything measured; immutable. {@code emergenciesMet} counts the emergency positives raised at their tier, or
     * answered with the clarifying question that already carries the emergency advice; {@code harmlessAsked} the
     * harmless messages that raised no flag but were asked that question (not false alarms, but an interruption).
     */
    public record Result(Map<String, Score> recallByCategory, Map<Tier, Score> recallByTier, Score recall,
                         int falseAlarms, int harmlessCases, List<Miss> missed, List<Miss> falseAlarmCases,
                         Score emergenciesMet, int harmlessAsked) {

        public double falseAlarmRate() {
            return harmlessCases == 0 ? 0 : (double) falseAlarms / harmlessCases;
        }
    }

    private final RedFlagDetector detector;
    private final SafetyRules rules;

    public SafetyEvaluation(RedFlagDetector detector, SafetyRules rules) {
        this.detector = detector;
        this.rules = rules;
    }

    public Result evaluate(SafetyCorpus corpus) {
        var byCategory = new LinkedHashMap<String, int[]>();
        var byTier = new LinkedHashMap<Tier, int[]>();
        var missed = new ArrayList<Miss>();
        var alarms = new ArrayList<Miss>();
        var emergencies = new int[2];
        int harmless = 0;
        int asked = 0;
        for (Category category : rules.categories()) {
            byCategory.put(category.id(), new int[2]);
            var cases = corpus.categories().getOrDefault(category.id(), new SafetyCorpus.Cases(List.of(), List.of()));
            for (SafetyCorpus.Case positive : cases.positives()) {
                check(category.id(), positive, byCategory, byTier, missed, emergencies);
            }
            for (SafetyCorpus.Case negative : cases.negatives()) {
                harmless++;
                Screening screening = detector.screen(negative.text(), false);
                List<RedFlag> flags = screening.flags();
                asked += asked(screening);
                if (flags.stream().anyMatch(f -> f.id().equals(category.id()))) {
                    alarms.add(new Miss(category.id(), "not " + category.id(), negative.text(), describe(flags)));
                }
            }
        }
        for (SafetyCorpus.Case modified : corpus.modifiers()) {
            check(modified.category(), modified, byCategory, byTier, missed, emergencies);
        }
        for (String text : corpus.benign()) {
            harmless++;
            Screening screening = detector.screen(text, false);
            List<RedFlag> flags = screening.flags();
            asked += asked(screening);
            if (!flags.isEmpty()) {
                alarms.add(new Miss("benign", "nothing", text, describe(flags)));
            }
        }
        int hits = byCategory.values().stream().mapToInt(s -> s[0]).sum();
        int total = byCategory.values().stream().mapToInt(s -> s[1]).sum();
        return new Result(scores(byCategory), scores(byTier), new Score(hits, total), alarms.size(), harmless,
                List.copyOf(missed), List.copyOf(alarms), new Score(emergencies[0], emergencies[1]), asked);
    }

    /** 1 when a message raised no flag but earns the clarifying question, else 0. */
    private static int asked(Screening screening) {
        return screening.flags().isEmpty() && !screening.unsure().isEmpty() ? 1 : 0;
    }

    private void check(String categoryId, SafetyCorpus.Case positive, Map<String, int[]> byCategory,
                       Map<Tier, int[]> byTier, List<Miss> missed, int[] emergencies) {
        Category category = rules.category(categoryId)
                .orElseThrow(() -> new IllegalArgumentException("the corpus names unknown category " + categoryId));
        Tier expected = positive.tier() == null ? category.tier() : Tier.fromId(positive.tier());
        Screening screening = detector.screen(positive.text(), false);
        List<RedFlag> flags = screening.flags();
        boolean hit = flags.stream().anyMatch(f -> f.id().equals(categoryId) && !expected.isHigherThan(f.tier()));
        count(byCategory.computeIfAbsent(categoryId, k -> new int[2]), hit);
        count(byTier.computeIfAbsent(expected, k -> new int[2]), hit);
        if (expected == Tier.EMERGENCY) {
            count(emergencies, hit || screening.unsure().contains(categoryId));
        }
        if (!hit) {
            missed.add(new Miss(categoryId, expected.id(), positive.text(), describe(flags)));
        }
    }

    private static void count(int[] score, boolean hit) {
        score[1]++;
        if (hit) {
            score[0]++;
        }
    }

    private static <K> Map<K, Score> scores(Map<K, int[]> counts) {
        var scores = new LinkedHashMap<K, Score>();
        counts.forEach((k, v) -> scores.put(k, new Score(v[0], v[1])));
        return scores;
    }

    private static String describe(List<RedFlag> flags) {
        return flags.isEmpty() ? "nothing" : String.join(", ",
                flags.stream().map(f -> f.id() + " (" + f.tier().id() + ")").toList());
    }
}
