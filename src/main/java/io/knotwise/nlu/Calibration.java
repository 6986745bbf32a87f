package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the threshold and margin of the decision rule on data never trained on: our own validation split and the
 * CLINC150 validation split. The choice is the best in-domain accuracy on our validation split among the settings
 * whose out-of-scope recall on CLINC150 reaches the target (or, if none does, the highest recall); among those, the
 * most CLINC150 lines decided right, out of scope and small talk together (a setting that rejects two more
 * out-of-scope queries but drops five "yes"es is not better); among settings the data cannot tell apart, the higher
 * threshold, which asks to rephrase rather than act on a near-even guess ("purple"
 * is not a request for help). Immutable.
 */
final class Calibration {

    private static final double[] MARGINS = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 1.0};

    /** One setting of the sweep and what it gives. */
    public record Row(double threshold, double margin, double ownAccuracy, double ownOosRecall,
                      double clincOosRecall, double clincInDomainAccuracy, int clincRight) {
    }

    /** The chosen row and the whole sweep. */
    public record Choice(Row chosen, double oosTarget, List<Row> sweep) {
    }

    private Calibration() {
    }

    public static Choice choose(IntentClassifier classifier, List<Example> own, List<Example> clinc, double oosTarget) {
        var ownRankings = IntentEvaluation.rankings(classifier, own);
        var clincRankings = IntentEvaluation.rankings(classifier, clinc);
        var sweep = new ArrayList<Row>();
        for (int t = 5; t <= 95; t += 5) {
            double threshold = t / 100.0;
            for (double margin : MARGINS) {
                var ownResult = IntentEvaluation.score(own, decide(ownRankings, threshold, margin));
                var clincResult = IntentEvaluation.score(clinc, decide(clincRankings, threshold, margin));
                sweep.add(new Row(threshold, margin, ownResult.inDomainAccuracy(), ownResult.oosRecall(),
                        clincResult.oosRecall(), clincResult.inDomainAccuracy(),
                        clinc.size() - clincResult.errors().size()));
            }
        }
        List<Row> meeting = sweep.stream().filter(r -> r.clincOosRecall() >= oosTarget).toList();
        Row chosen = meeting.isEmpty()
                ? sweep.stream().max(Comparator.comparingDouble(Row::clincOosRecall)
                        .thenComparingDouble(Row::ownAccuracy)).orElseThrow()
                : meeting.stream().max(Comparator.comparingDouble(Row::ownAccuracy)
                        .thenComparingInt(Row::clincRight)
                        .thenComparingDouble(Row::threshold)).orElseThrow();
        return new Choice(chosen, oosTarget, List.copyOf(sweep));
    }

    private static List<String> decide(List<List<IntentScore>> rankings, double threshold, double margin) {
        return rankings.stream().map(r -> IntentEvaluation.decide(r, threshold, margin)).toList();
    }
}
