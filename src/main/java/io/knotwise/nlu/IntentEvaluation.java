package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures an intent classifier on labelled examples with the guide's own decision rule (threshold and margin; a
 * rejected message counts as {@code out_of_scope}): confusions, per-intent precision, recall and F1, in-domain
 * accuracy and out-of-scope recall and precision. Immutable results.
 */
final class IntentEvaluation {

    private static final String OOS = Understanding.OUT_OF_SCOPE;

    /** Precision, recall and F1 of one intent, with its number of gold cases. */
    public record Scores(double precision, double recall, double f1, int support) {
    }

    /** Everything measured on one set of examples. */
    public record Result(Map<String, Map<String, Integer>> confusion, Map<String, Scores> perIntent,
                         double inDomainAccuracy, int inDomainCases, double oosRecall, double oosPrecision,
                         int oosCases, List<String> errors) {

        /** Macro-averaged F1 over the intents that have gold cases. */
        public double macroF1() {
            return perIntent.values().stream().filter(s -> s.support() > 0).mapToDouble(Scores::f1).average()
                    .orElse(0);
        }
    }

    private IntentEvaluation() {
    }

    /** The predicted intent of each example under the decision rule. */
    public static List<String> predict(IntentClassifier classifier, List<Example> examples, double threshold,
                                       double margin) {
        return rankings(classifier, examples).stream().map(r -> decide(r, threshold, margin)).toList();
    }

    /** The raw rankings, computed once so a threshold sweep costs nothing more. */
    public static List<List<IntentScore>> rankings(IntentClassifier classifier, List<Example> examples) {
        return examples.stream().map(e -> {
            String[] words = TextNormalizer.words(e.text());
            return words.length == 0 ? List.<IntentScore>of() : classifier.rank(words);
        }).toList();
    }

    public static String decide(List<IntentScore> ranking, double threshold, double margin) {
        return MessageParser.confident(ranking, threshold, margin) ? ranking.get(0).name() : OOS;
    }

    /** Scores predictions against the examples' gold intents. */
    public static Result score(List<Example> examples, List<String> predicted) {
        var confusion = new TreeMap<String, Map<String, Integer>>();
        var errors = new ArrayList<String>();
        int inDomain = 0;
        int inDomainRight = 0;
        int oos = 0;
        int oosRight = 0;
        int predictedOos = 0;
        for (int i = 0; i < examples.size(); i++) {
            String gold = examples.get(i).intent();
            String guess = predicted.get(i);
            confusion.computeIfAbsent(gold, k -> new TreeMap<>()).merge(guess, 1, Integer::sum);
            if (!gold.equals(guess)) {
                errors.add(gold + " -> " + guess + ": " + examples.get(i).text());
            }
            if (gold.equals(OOS)) {
                oos++;
                oosRight += guess.equals(OOS) ? 1 : 0;
            } else {
                inDomain++;
                inDomainRight += guess.equals(gold) ? 1 : 0;
            }
            predictedOos += guess.equals(OOS) ? 1 : 0;
        }
        return new Result(confusion, perIntent(confusion), ratio(inDomainRight, inDomain), inDomain,
                ratio(oosRight, oos), ratio(oosRight, predictedOos), oos, List.copyOf(errors));
    }

    private static Map<String, Scores> perIntent(Map<String, Map<String, Integer>> confusion) {
        var intents = new TreeSet<String>(confusion.keySet());
        confusion.values().forEach(row -> intents.addAll(row.keySet()));
        var scores = new LinkedHashMap<String, Scores>();
        for (String intent : intents) {
            int truePositive = confusion.getOrDefault(intent, Map.of()).getOrDefault(intent, 0);
            int support = confusion.getOrDefault(intent, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = confusion.values().stream().mapToInt(row -> row.getOrDefault(intent, 0)).sum();
            double precision = ratio(truePositive, predicted);
            double recall = ratio(truePositive, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.put(intent, new Scores(precision, recall, f1, support));
        }
        return scores;
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Stratified k-fold cross-validation: each fold trains on the rest and is scored with the decision rule. */
    public static Result crossValidate(List<Example> examples, int folds, NluSettings settings,
                                       EntityClasses classes) {
        var byIntent = new LinkedHashMap<String, List<Example>>();
        examples.forEach(e -> byIntent.computeIfAbsent(e.intent(), k -> new ArrayList<>()).add(e));
        var fold = new LinkedHashMap<Example, Integer>();
        byIntent.values().forEach(list -> {
            for (int i = 0; i < list.size(); i++) {
                fold.put(list.get(i), i % folds);
            }
        });
        var gold = new ArrayList<Example>();
        var predicted = new ArrayList<String>();
        for (int f = 0; f < folds; f++) {
            int k = f;
            List<Example> train = examples.stream().filter(e -> fold.get(e) != k).toList();
            List<Example> test = examples.stream().filter(e -> fold.get(e) == k).toList();
            var classifier = new IntentTrainer(settings, classes).trainClassifier(train);
            gold.addAll(test);
            predicted.addAll(predict(classifier, test, settings.threshold(), settings.margin()));
        }
        return score(gold, predicted);
    }
}
