package io.knotwise.safety;

import java.util.Locale;

/** Writes a {@link SafetyEvaluation.Result} as the Markdown report committed beside the corpus. */
public final class SafetyReport {

    /** The targets of the red-flag screen on its corpus. */
    public static final double RECALL_TARGET = 1.0;
    public static final double FALSE_ALARM_TARGET = 0.02;

    private SafetyReport() {
    }

    /** The report; {@code holdout} is the result on the held-out corpus, or null when there is none. */
    public static String markdown(SafetyEvaluation.Result result, SafetyEvaluation.Result holdout, String command) {
        var out = new StringBuilder();
        out.append("# Red-flag screen: evaluation on dialogs/safety-corpus.yml\n\n");
        out.append("Written by `").append(command).append("`; do not edit by hand.\n\n");
        out.append(String.format(Locale.ROOT, "- Recall at the right tier or higher: **%d/%d (%.1f%%)**, target %.0f%%%n",
                result.recall().hits(), result.recall().total(), 100 * result.recall().rate(), 100 * RECALL_TARGET));
        out.append(String.format(Locale.ROOT, "- False alarms: **%d/%d (%.2f%%)** of negatives and benign messages,"
                        + " target at most %.0f%%%n%n", result.falseAlarms(), result.harmlessCases(),
                100 * result.falseAlarmRate(), 100 * FALSE_ALARM_TARGET));
        out.append("## Recall by tier\n\n| tier | recalled | cases | recall |\n|---|---|---|---|\n");
        result.recallByTier().forEach((tier, s) -> out.append(row(tier.id(), s)));
        out.append("\n## Recall by category\n\n| category | recalled | cases | recall |\n|---|---|---|---|\n");
        result.recallByCategory().forEach((id, s) -> out.append(row(id, s)));
        out.append("\n## Missed\n\n");
        if (result.missed().isEmpty()) {
            out.append("None.\n");
        }
        result.missed().forEach(m -> out.append("- ").append(m.category()).append(" (").append(m.expected())
                .append("): \"").append(m.text()).append("\" gave ").append(m.found()).append('\n'));
        out.append("\n## False alarms\n\n");
        if (result.falseAlarmCases().isEmpty()) {
            out.append("None.\n");
        }
        result.falseAlarmCases().forEach(m -> out.append("- ").append(m.category()).append(": \"").append(m.text())
                .append("\" gave ").append(m.found()).append('\n'));
        if (holdout != null) {
            out.append("\n## Held out: dialogs/safety-holdout.yml\n\n");
            out.append("Written after the screen was tuned on the corpus above and never used to tune it: how the screen"
                    + " does on phrasings nobody fitted it to. No target is enforced here; misses are listed so the"
                    + " next change can learn from them (and then a new held-out set is needed).\n\n");
            out.append(String.format(Locale.ROOT, "- Recall at the right tier or higher: **%d/%d (%.1f%%)**%n",
                    holdout.recall().hits(), holdout.recall().total(), 100 * holdout.recall().rate()));
            out.append(String.format(Locale.ROOT, "- False alarms: **%d/%d (%.2f%%)**%n%n", holdout.falseAlarms(),
                    holdout.harmlessCases(), 100 * holdout.falseAlarmRate()));
            out.append("| tier | recalled | cases | recall |\n|---|---|---|---|\n");
            holdout.recallByTier().forEach((tier, s) -> out.append(row(tier.id(), s)));
            out.append('\n');
            holdout.missed().forEach(m -> out.append("- missed ").append(m.category()).append(" (")
                    .append(m.expected()).append("): \"").append(m.text()).append("\" gave ").append(m.found())
                    .append('\n'));
            holdout.falseAlarmCases().forEach(m -> out.append("- false alarm ").append(m.category()).append(": \"")
                    .append(m.text()).append("\" gave ").append(m.found()).append('\n'));
        }
        return out.toString();
    }

    /** Recall at the right tier and false alarms, by tier and by category; the cases themselves when asked. */
    public static String summary(SafetyEvaluation.Result result, boolean cases) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "recall at the right tier %d/%d (%.1f%%), false alarms %d/%d (%.1f%%)%n",
                result.recall().hits(), result.recall().total(), 100 * result.recall().rate(), result.falseAlarms(),
                result.harmlessCases(), 100 * result.falseAlarmRate()));
        result.recallByTier().forEach((tier, s) -> out.append(String.format(Locale.ROOT, "  %-32s %4d/%-4d %5.1f%%%n",
                tier.id(), s.hits(), s.total(), 100 * s.rate())));
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

    private static String row(String name, SafetyEvaluation.Score score) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", name, score.hits(), score.total(),
                100 * score.rate());
    }
}
