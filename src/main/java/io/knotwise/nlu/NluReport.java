package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the evaluation of the intent model as {@code models/REPORT.md}. */
final class NluReport {

    /** What the report holds. */
    public record Inputs(int trainingExamples, int intents, NluSettings settings, Calibration.Choice calibration,
                         IntentEvaluation.Result crossValidation, int folds, IntentEvaluation.Result heldOut,
                         IntentEvaluation.Result clinc, double trainingSeconds, long modelBytes,
                         double parseMedianMicros, double parseP99Micros, List<List<String>> firstMeasurements,
                         List<List<String>> configurations) {
    }

    private static final String FOLDS_NOTE = "5-fold cross-validation on the training data and on the validation"
            + " splits (ours and CLINC150's), never the test";

    private NluReport() {
    }

    public static String markdown(Inputs in, String command) {
        var out = new StringBuilder();
        out.append("# Intent model: evaluation\n\nWritten by `").append(command)
                .append("`; do not edit by hand. Timings are from the machine that ran it.\n\n");
        out.append(String.format(Locale.ROOT, "- Training data: %d examples of %d intents (`models/intents/`,"
                + " `models/clinc150/`)%n", in.trainingExamples(), in.intents()));
        out.append(String.format(Locale.ROOT, "- Decision rule: act on the best intent when its confidence is at"
                + " least **%.2f** or leads the runner-up by **%.2f**; otherwise the message is out of scope"
                + " (the guide asks to rephrase)%n", in.settings().threshold(), in.settings().margin()));
        out.append(String.format(Locale.ROOT, "- Held-out test (`models/heldout/test/`): in-domain accuracy **%.1f%%**"
                + " (%d cases, target 95%%), out-of-scope recall %.1f%%, precision %.1f%%%n",
                100 * in.heldOut().inDomainAccuracy(), in.heldOut().inDomainCases(), 100 * in.heldOut().oosRecall(),
                100 * in.heldOut().oosPrecision()));
        out.append(String.format(Locale.ROOT, "- CLINC150 validation split: out-of-scope recall **%.1f%%** (%d cases,"
                + " target 97%%), precision %.1f%%; mapped small-talk intents accuracy %.1f%% (%d cases)%n",
                100 * in.clinc().oosRecall(), in.clinc().oosCases(), 100 * in.clinc().oosPrecision(),
                100 * in.clinc().inDomainAccuracy(), in.clinc().inDomainCases()));
        out.append(String.format(Locale.ROOT, "- %d-fold cross-validation on the training data: in-domain accuracy"
                + " %.1f%%, out-of-scope recall %.1f%%, macro F1 %.3f%n", in.folds(),
                100 * in.crossValidation().inDomainAccuracy(), 100 * in.crossValidation().oosRecall(),
                in.crossValidation().macroF1()));
        out.append(String.format(Locale.ROOT, "- Training %.1f s; model %.2f MB (target 10); `parse` in-process"
                + " median %.0f µs, p99 %.0f µs (target median 200)%n%n", in.trainingSeconds(),
                in.modelBytes() / 1e6, in.parseMedianMicros(), in.parseP99Micros()));
        unseen(out, in.firstMeasurements());
        configurations(out, in.configurations(), in.settings().algorithm());
        calibration(out, in.calibration());
        out.append("\n## Held-out test: per intent\n\n| intent | precision | recall | F1 | cases "
                + "|\n|---|---|---|---|---|\n");
        in.heldOut().perIntent().forEach((intent, s) -> out.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %d |%n", intent, s.precision(), s.recall(), s.f1(), s.support())));
        confusion(out, in.heldOut().confusion());
        out.append("\n## Held-out test: errors\n\n");
        in.heldOut().errors().forEach(e -> out.append("- ").append(e).append('\n'));
        out.append("\n## Cross-validation: per intent\n\n| intent | precision | recall | F1 | cases "
                + "|\n|---|---|---|---|---|\n");
        in.crossValidation().perIntent().forEach((intent, s) -> out.append(String.format(Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %d |%n", intent, s.precision(), s.recall(), s.f1(), s.support())));
        return out.toString();
    }

    /**
     * The first measurement of each unseen set ({@code models/heldout/first-measurements.tsv}): written from the
     * contract alone, measured once as it was, only then merged into training. The last row is the headline.
     */
    private static void unseen(StringBuilder out, List<List<String>> rows) {
        out.append("## Unseen sets: the first measurement of each (the headline)\n\n| date | commit | set |"
                + " in-domain accuracy | out-of-scope rejected | model |\n|---|---|---|---|---|---|\n");
        for (List<String> r : rows) {
            int inDomain = Integer.parseInt(r.get(3));
            int oos = Integer.parseInt(r.get(5));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s/%d (%.1f%%) | %s/%d (%.1f%%) | %s |%n", r.get(0),
                    r.get(1), r.get(2), r.get(4), inDomain, 100.0 * Integer.parseInt(r.get(4)) / inDomain, r.get(6),
                    oos, 100.0 * Integer.parseInt(r.get(6)) / oos, r.get(7)));
        }
        out.append('\n');
    }

    /** The configurations {@code intent-compare} measured, and which one {@code nlu.yml} trains. */
    private static void configurations(StringBuilder out, List<List<String>> rows, String chosen) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("## Configurations compared\n\nWritten by `java -jar target/knotwise.jar intent-compare`: each"
                + " OpenNLP algorithm with and without entity classes as features, scored with the decision rule by "
                + FOLDS_NOTE + ". `models/nlu.yml` trains **" + chosen + "** with entity classes: the best at rejecting"
                + " out-of-scope messages at an in-domain accuracy no other configuration clearly beats."
                + " The perceptron's"
                + " scores are not probabilities, so the threshold, calibrated for maximum entropy, rejects almost"
                + " everything it says.\n\n"
                + "| configuration | cross-validation in-domain | cross-validation out-of-scope | validation"
                + " in-domain | validation out-of-scope | CLINC150 out-of-scope |\n|---|---|---|---|---|---|\n");
        for (List<String> r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n", r.get(0),
                    100 * Double.parseDouble(r.get(1)), 100 * Double.parseDouble(r.get(2)),
                    100 * Double.parseDouble(r.get(3)), 100 * Double.parseDouble(r.get(4)),
                    100 * Double.parseDouble(r.get(5))));
        }
        out.append('\n');
    }

    private static void calibration(StringBuilder out, Calibration.Choice choice) {
        var c = choice.chosen();
        out.append("## Calibration\n\nChosen on data never trained on: our validation split "
                + "(`models/heldout/validation/`)"
                + " and the CLINC150 validation split. Rule: the best in-domain accuracy on our validation split among"
                + String.format(Locale.ROOT, " the settings with CLINC150 out-of-scope recall of at least %.0f%%; among"
                + " those, the most CLINC150 validation lines decided right (out of scope and small talk together);"
                + " then the higher threshold.%n%n", 100 * choice.oosTarget()));
        out.append(String.format(Locale.ROOT, "Chosen: threshold %.2f, margin %.2f: our in-domain accuracy %.1f%%, our"
                + " out-of-scope recall %.1f%%, CLINC150 out-of-scope recall %.1f%%, CLINC150 small-talk accuracy"
                + " %.1f%%.%n%n", c.threshold(), c.margin(), 100 * c.ownAccuracy(), 100 * c.ownOosRecall(),
                100 * c.clincOosRecall(), 100 * c.clincInDomainAccuracy()));
        out.append("| threshold | margin | our in-domain accuracy | our OOS recall | CLINC150 OOS recall |"
                + " CLINC150 small-talk accuracy |\n|---|---|---|---|---|---|\n");
        choice.sweep().stream().filter(r -> r.margin() == c.margin() || r.threshold() == c.threshold())
                .forEach(r -> out.append(String.format(Locale.ROOT,
                        "| %.2f | %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n",
                        r.threshold(), r.margin(), 100 * r.ownAccuracy(), 100 * r.ownOosRecall(),
                        100 * r.clincOosRecall(), 100 * r.clincInDomainAccuracy())));
    }

    private static void confusion(StringBuilder out, Map<String, Map<String, Integer>> confusion) {
        List<String> intents = new ArrayList<>(confusion.keySet());
        confusion.values().forEach(row -> row.keySet().stream().filter(k -> !intents.contains(k))
                .forEach(intents::add));
        out.append("\n## Held-out test: confusion table\n\nRows are the true intent, columns the predicted one (by"
                + " number).\n\n| # | true \\\\ predicted |");
        for (int i = 0; i < intents.size(); i++) {
            out.append(' ').append(i + 1).append(" |");
        }
        out.append("\n|---|---|").append("---|".repeat(intents.size())).append('\n');
        for (int i = 0; i < intents.size(); i++) {
            Map<String, Integer> row = confusion.getOrDefault(intents.get(i), Map.of());
            out.append("| ").append(i + 1).append(" | ").append(intents.get(i)).append(" |");
            for (String predicted : intents) {
                int n = row.getOrDefault(predicted, 0);
                out.append(' ').append(n == 0 ? "" : String.valueOf(n)).append(" |");
            }
            out.append('\n');
        }
    }
}
