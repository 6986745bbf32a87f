package io.knotwise.safety;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the red-flag screen's measurements as the Markdown report committed beside the corpus: the unseen sets'
 * first measurements (the headline), the frozen test by tier and category (figures only: its lines are never shown,
 * so nobody tunes on them), validation, in-domain chat, and the hand-written corpus it was fitted to.
 */
public final class SafetyReport {

    /** The targets of the red-flag screen on its hand-written corpus (fitted). */
    public static final double RECALL_TARGET = 1.0;
    public static final double FALSE_ALARM_TARGET = 0.02;

    private SafetyReport() {
    }

    /**
     * Everything the report shows; the {@code ...ByRulesAlone} results are the same sets screened with the second
     * opinion switched off, and {@code firstMeasurements} are the rows of the unseen sets' record.
     */
    public record Inputs(SafetyEvaluation.Result fitted, SafetyEvaluation.Result frozen,
                         SafetyEvaluation.Result validation, SafetyEvaluation.Result chat,
                         SafetyEvaluation.Result frozenByRulesAlone, SafetyEvaluation.Result validationByRulesAlone,
                         List<Map<String, String>> firstMeasurements, String command) {
    }


    public static String markdown(Inputs in) {
        var out = new StringBuilder();
        out.append("# Red-flag screen: how it is measured\n\n");
        out.append("Written by `").append(in.command()).append("`; do not edit by hand. Recall counts a red flag"
                + " raised for its category at its tier or higher; a false alarm is any flag on a harmless message."
                + " A clarifying question is not counted as a flag either way.\n\n");
        out.append("## Unseen sets: the first measurement of each (the headline)\n\n");
        out.append("Each set was written from SAFETY.md alone by authors who never saw the rules, the concepts or an"
                + " earlier set, measured once as it was, and only then merged into training"
                + " (`models/safety/first-measurements.tsv`). The last row is the current headline.\n\n");
        out.append("| date | commit | set | recall at the right tier | false alarms | screen "
                + "|\n|---|---|---|---|---|---|\n");
        for (Map<String, String> row : in.firstMeasurements()) {
            int positives = Integer.parseInt(row.get("positives"));
            int recalled = Integer.parseInt(row.get("recalled"));
            int negatives = Integer.parseInt(row.get("negatives"));
            int alarms = Integer.parseInt(row.get("false_alarms"));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d/%d (%.1f%%) | %d/%d (%.1f%%) | %s |%n",
                    row.get("date"), row.get("commit"), row.get("set"), recalled, positives,
                    100.0 * recalled / positives, alarms, negatives, 100.0 * alarms / negatives, row.get("screen")));
        }
        section(out, "Frozen test: `models/safety/test/`", "30% of each of the first seven authors' sets, split off"
                + " before any tuning and never looked at: only these figures are ever printed, never its lines.",
                in.frozen(), true);
        section(out, "Validation: `models/safety/validation/`", "15% of the same authors' sets, two later authors'"
                + " whole sets (g1, g2) and half of a set written for hard negatives (t22), each after its first"
                + " measurement; never trained on, used only to choose the second opinion's thresholds"
                + " (`safety-calibrate`): slightly fitted.", in.validation(), false);
        out.append("\n## What the rules and the learned second opinion each contribute\n\n");
        out.append("The same sets screened by the rules alone (ConText over term lists and concept patterns) and by the"
                + " rules with the second opinion, as the guide runs.\n\n");
        out.append("| set | screen | recall at the right tier | false alarms |\n|---|---|---|---|\n");
        contribution(out, "frozen test", in.frozenByRulesAlone(), in.frozen());
        contribution(out, "validation", in.validationByRulesAlone(), in.validation());
        out.append("\n## In-domain chat: `models/heldout/`\n\n");
        out.append(String.format(Locale.ROOT, "Ordinary held-out messages to the guide (no red flags in them): %d of %d"
                        + " raise a flag (%.2f%%).%n", in.chat().falseAlarms(), in.chat().harmlessCases(),
                100 * in.chat().falseAlarmRate()));
        SafetyEvaluation.Result fitted = in.fitted();
        out.append("\n## Fitted: `models/safety/fitted-corpus.yml`\n\n");
        out.append("Written for the screen by earlier sessions and tuned on, so it shows what the screen keeps doing,"
                + " not how it does on new phrasings.\n\n");
        out.append(String.format(Locale.ROOT,
                "- Recall at the right tier or higher: **%d/%d (%.1f%%)**, target %.0f%%%n",
                fitted.recall().hits(), fitted.recall().total(), 100 * fitted.recall().rate(), 100 * RECALL_TARGET));
        out.append(String.format(Locale.ROOT, "- False alarms: **%d/%d (%.2f%%)** of negatives and benign messages,"
                        + " target at most %.0f%%%n", fitted.falseAlarms(), fitted.harmlessCases(),
                100 * fitted.falseAlarmRate(), 100 * FALSE_ALARM_TARGET));
        out.append("\n### Missed\n\n");
        if (fitted.missed().isEmpty()) {
            out.append("None.\n");
        }
        fitted.missed().forEach(m -> out.append("- ").append(m.category()).append(" (").append(m.expected())
                .append("): \"").append(m.text()).append("\" gave ").append(m.found()).append('\n'));
        out.append("\n### False alarms\n\n");
        if (fitted.falseAlarmCases().isEmpty()) {
            out.append("None.\n");
        }
        fitted.falseAlarmCases().forEach(m -> out.append("- ").append(m.category()).append(": \"").append(m.text())
                .append("\" gave ").append(m.found()).append('\n'));
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String what, SafetyEvaluation.Result result,
                                boolean byCategory) {
        out.append("\n## ").append(title).append("\n\n").append(what).append("\n\n");
        out.append(String.format(Locale.ROOT, "- Recall at the right tier or higher: **%d/%d (%.1f%%)**%n",
                result.recall().hits(), result.recall().total(), 100 * result.recall().rate()));
        out.append(String.format(Locale.ROOT, "- False alarms: **%d/%d (%.2f%%)**%n", result.falseAlarms(),
                result.harmlessCases(), 100 * result.falseAlarmRate()));
        String asked = harmlessAsked(result);
        out.append("- ").append(Character.toUpperCase(asked.charAt(0))).append(asked.substring(1)).append("\n\n");
        out.append("| tier | recalled | cases | recall |\n|---|---|---|---|\n");
        result.recallByTier().forEach((tier, s) -> out.append(row(tier.id(), s)));
        if (result.emergenciesMet().total() > 0) {
            String met = emergenciesMet(result);
            out.append("\n- ").append(Character.toUpperCase(met.charAt(0))).append(met.substring(1)).append('\n');
        }
        if (byCategory) {
            out.append("\n| category | recalled | cases | recall |\n|---|---|---|---|\n");
            result.recallByCategory().forEach((id, s) -> out.append(row(id, s)));
        }
    }

    /** Recall at the right tier and false alarms, by tier and by category; the cases themselves when asked. */
    public static String summary(SafetyEvaluation.Result result, boolean cases) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "recall at the right tier %d/%d (%.1f%%), false alarms %d/%d (%.1f%%)%n",
                result.recall().hits(), result.recall().total(), 100 * result.recall().rate(), result.falseAlarms(),
                result.harmlessCases(), 100 * result.falseAlarmRate()));
        result.recallByTier().forEach((tier, s) -> out.append(String.format(Locale.ROOT, "  %-32s %4d/%-4d %5.1f%%%n",
                tier.id(), s.hits(), s.total(), 100 * s.rate())));
        if (result.emergenciesMet().total() > 0) {
            out.append("  ").append(emergenciesMet(result)).append('\n');
        }
        out.append("  ").append(harmlessAsked(result)).append('\n');
        result.recallByCategory().forEach((id, s) -> out.append(String.format(Locale.ROOT,
                "  %-32s %4d/%-4d %5.1f%%%n", id, s.hits(), s.total(), 100 * s.rate())));
        if (cases) {
            result.missed().forEach(m -> out.append("MISSED ").append(m.category()).append(" (").append(m.expected())
                    .append("): ").append(m.text()).append(" => ").append(m.found()).append('\n'));
            result.falseAlarmCases().forEach(m -> out.append("ALARM ").append(m.text()).append(" => ")
                    .append(m.found()).append('\n'));
        }
        return out.toString();
    }

    private static void contribution(StringBuilder out, String set, SafetyEvaluation.Result rules,
                                     SafetyEvaluation.Result both) {
        for (var screen : List.of(Map.entry("rules alone", rules), Map.entry("rules and second opinion", both))) {
            SafetyEvaluation.Result r = screen.getValue();
            out.append(String.format(Locale.ROOT, "| %s | %s | %d/%d (%.1f%%) | %d/%d (%.2f%%) |%n", set,
                    screen.getKey(), r.recall().hits(), r.recall().total(), 100 * r.recall().rate(), r.falseAlarms(),
                    r.harmlessCases(), 100 * r.falseAlarmRate()));
        }
    }

    /**
     * The emergencies raised, or met by the clarifying question that already carries the emergency advice (it does
     * not count as recall: the flag was not raised).
     */
    private static String emergenciesMet(SafetyEvaluation.Result result) {
        SafetyEvaluation.Score met = result.emergenciesMet();
        return String.format(Locale.ROOT, "emergencies raised, or asked about with the clarifying question that already"
                + " carries the emergency advice (not counted as recall): %d/%d (%.1f%%)", met.hits(), met.total(),
                100 * met.rate());
    }

    /** The harmless messages that raised nothing but were asked the clarifying question (not false alarms). */
    private static String harmlessAsked(SafetyEvaluation.Result result) {
        return String.format(Locale.ROOT, "harmless messages that raised nothing but were asked the clarifying question"
                + " (not counted as false alarms): %d/%d", result.harmlessAsked(), result.harmlessCases());
    }

    private static String row(String name, SafetyEvaluation.Score score) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", name, score.hits(), score.total(),
                100 * score.rate());
    }
}
