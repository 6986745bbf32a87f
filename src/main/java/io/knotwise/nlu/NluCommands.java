package io.knotwise.nlu;

import io.knotwise.FileAccessException;
import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The author commands for the intent model: calibrate the decision rule, and evaluate into {@code models/REPORT.md}.
 */
public final class NluCommands {

    /** The out-of-scope recall the threshold must reach on the CLINC150 validation split. */
    public static final double OOS_TARGET = 0.97;
    public static final int FOLDS = 5;
    public static final String REPORT = "REPORT.md";

    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 20_000;

    private NluCommands() {
    }

    /** Chooses threshold and margin on the validation splits and writes them into {@code models/nlu.yml}. */
    public static Calibration.Choice calibrate(Path models) {
        var loader = new NluDataLoader(models);
        var classifier = loader.intentClassifier();
        var choice = Calibration.choose(classifier, loader.heldOut("validation"), loader.clincValidation(), OOS_TARGET);
        Path file = models.resolve("nlu.yml");
        try {
            String yaml = Files.readString(file);
            yaml = replace(yaml, "threshold", choice.chosen().threshold());
            yaml = replace(yaml, "margin", choice.chosen().margin());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new FileAccessException("cannot update " + file + ": " + e.getMessage(), e);
        }
        return choice;
    }

    private static String replace(String yaml, String key, double value) {
        Matcher m = Pattern.compile("(?m)^" + key + ": .*$").matcher(yaml);
        if (!m.find()) {
            throw new InvalidDataException("models/nlu.yml has no top-level '" + key + "'");
        }
        return m.replaceFirst(key + ": " + String.format(Locale.ROOT, "%.2f", value));
    }

    /** Cross-validates, tests on the held-out splits, times training and parsing, and writes the report. */
    public static NluReport.Inputs evaluate(Path models, String command) {
        var loader = new NluDataLoader(models);
        NluSettings settings = loader.settings();
        List<Example> examples = loader.examples();
        long start = System.nanoTime();
        var trained = new IntentTrainer(settings, loader.entityClasses()).train(examples);
        double trainingSeconds = (System.nanoTime() - start) / 1e9;
        var classifier = loader.intentClassifier();
        var parser = new MessageParser(classifier, new EntityExtractor(loader.lexicon(), loader.patterns(), loader
                .englishWords()),
                settings.threshold(), settings.margin());
        List<Example> test = loader.heldOut("test");
        List<Example> clinc = loader.clincValidation();
        List<Double> parseTimes = parseTimes(parser, test);
        var inputs = new NluReport.Inputs(examples.size(), new OpenNlpIntentClassifier(trained).intents().size(),
                settings, Calibration.choose(classifier, loader.heldOut("validation"), clinc, OOS_TARGET),
                IntentEvaluation.crossValidate(examples, FOLDS, settings, loader.entityClasses()), FOLDS,
                IntentEvaluation.score(test, IntentEvaluation.predict(classifier, test, settings.threshold(),
                        settings.margin())),
                IntentEvaluation.score(clinc, IntentEvaluation.predict(classifier, clinc, settings.threshold(),
                        settings.margin())),
                trainingSeconds, size(loader.modelFile()), percentile(parseTimes, 0.5),
                percentile(parseTimes, 0.99), rows(models.resolve("heldout/first-measurements.tsv")),
                rows(models.resolve(CONFIGURATIONS)));
        try {
            Files.writeString(models.resolve(REPORT), NluReport.markdown(inputs, command));
        } catch (IOException e) {
            throw new FileAccessException("cannot write the report: " + e.getMessage(), e);
        }
        return inputs;
    }

    /**
     * Measures the committed intent model on labelled sets ({@code intent<TAB>text} with a header line), as the guide
     * decides: in-domain accuracy, out-of-scope rejected, recall per intent; with {@code misses} every error too.
     * This is how an unseen set is measured once, before it is merged into training.
     */
    public static String measure(Path models, List<Path> files, boolean misses) {
        var loader = new NluDataLoader(models);
        NluSettings settings = loader.settings();
        List<Example> examples = files.stream().flatMap(f -> loader.labelled(f).stream()).toList();
        var classifier = loader.intentClassifier();
        var result = IntentEvaluation.score(examples, IntentEvaluation.predict(classifier, examples,
                settings.threshold(), settings.margin()));
        var out = new StringBuilder(String.format(Locale.ROOT,
                "in-domain accuracy %.1f%% of %d; out-of-scope rejected %.1f%% of %d (precision %.1f%%)%n",
                100 * result.inDomainAccuracy(), result.inDomainCases(), 100 * result.oosRecall(), result.oosCases(),
                100 * result.oosPrecision()));
        result.perIntent().forEach((intent, scores) -> {
            if (scores.support() > 0) {
                out.append(String.format(Locale.ROOT, "  %-20s %5.1f%% of %d%n", intent, 100 * scores.recall(),
                        scores.support()));
            }
        });
        if (misses) {
            result.errors().forEach(e -> out.append("MISSED ").append(e).append('\n'));
        }
        return out.toString();
    }

    /**
     * Merges unseen sets ({@code models/heldout/unseen/NAME.tsv}, already measured once) into the training data: each
     * line is appended to {@code models/intents/INTENT.txt} under a comment naming its author, unless it repeats a
     * held-out or CLINC150 validation line (which must never be trained on) or a training line; the set's file is
     * then deleted. Returns what was merged and dropped, per file.
     */
    public static String merge(Path models, List<Path> files) {
        var loader = new NluDataLoader(models);
        var held = new HashSet<String>();
        for (String split : List.of("validation", "test")) {
            loader.heldOut(split).forEach(e -> held.add(TextNormalizer.phrase(e.text())));
        }
        loader.clincValidation().forEach(e -> held.add(TextNormalizer.phrase(e.text())));
        List<Example> examples = loader.examples();
        var trained = new HashSet<String>();
        examples.forEach(e -> trained.add(TextNormalizer.phrase(e.text())));
        var known = NluDataLoader.intentsOf(examples);
        var out = new StringBuilder();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
            var byIntent = new TreeMap<String, List<String>>();
            int heldOut = 0;
            int repeats = 0;
            for (Example e : loader.labelled(file)) {
                if (!known.contains(e.intent())) {
                    throw new InvalidDataException(e.file() + ":" + e.line() + ": unknown intent " + e.intent());
                }
                String k = TextNormalizer.phrase(e.text());
                if (held.contains(k)) {
                    heldOut++;
                } else if (!trained.add(k)) {
                    repeats++;
                } else {
                    byIntent.computeIfAbsent(e.intent(), i -> new ArrayList<>()).add(e.text());
                }
            }
            String header = "# " + name + ": written from CONTRACT.md alone by an author who never saw models/"
                    + " (merged after its first measurement)\n";
            try {
                for (var entry : byIntent.entrySet()) {
                    Path target = models.resolve("intents").resolve(entry.getKey() + ".txt");
                    String existing = Files.readString(target);
                    Files.writeString(target, (existing.endsWith("\n") ? "" : "\n") + header
                            + String.join("\n", entry.getValue()) + "\n", StandardOpenOption.APPEND);
                }
                Files.delete(file);
            } catch (IOException e) {
                throw new FileAccessException("cannot merge " + file + ": " + e.getMessage(), e);
            }
            out.append(String.format(Locale.ROOT, "%s: merged %d lines into %d intents; dropped %d held-out and %d"
                    + " training repeats; deleted %s%n", name, byIntent.values().stream().mapToInt(List::size).sum(),
                    byIntent.size(), heldOut, repeats, file));
        }
        return out.toString();
    }

    /** Where {@code intent-compare} writes its table, read by {@code evaluate} into the report. */
    public static final String CONFIGURATIONS = "heldout/configurations.tsv";
    private static final List<String> ALGORITHMS = List.of("MAXENT", "PERCEPTRON", "NAIVEBAYES");

    /**
     * Compares OpenNLP configurations (each algorithm, with and without entity classes) by cross-validation on the
     * training data and on the validation splits (ours and CLINC150's), with the committed decision rule; writes
     * {@link #CONFIGURATIONS} and returns the table. Slow: every configuration trains {@code FOLDS + 1} times.
     */
    public static String compare(Path models) {
        var loader = new NluDataLoader(models);
        NluSettings settings = loader.settings();
        List<Example> examples = loader.examples();
        List<Example> validation = loader.heldOut("validation");
        List<Example> clinc = loader.clincValidation();
        var rows = new ArrayList<String>();
        rows.add("configuration\tcv_in_domain\tcv_oos\tvalidation_in_domain\tvalidation_oos\tclinc_oos");
        for (String algorithm : ALGORITHMS) {
            for (boolean withClasses : List.of(true, false)) {
                var config = new NluSettings(settings.threshold(), settings.margin(), algorithm, settings.iterations(),
                        settings.cutoff());
                EntityClasses classes = withClasses ? loader.entityClasses() : EntityClasses.none();
                var cv = IntentEvaluation.crossValidate(examples, FOLDS, config, classes);
                var classifier = new IntentTrainer(config, classes).trainClassifier(examples);
                var own = IntentEvaluation.score(validation, IntentEvaluation.predict(classifier, validation,
                        config.threshold(), config.margin()));
                var other = IntentEvaluation.score(clinc, IntentEvaluation.predict(classifier, clinc,
                        config.threshold(), config.margin()));
                rows.add(String.format(Locale.ROOT, "%s%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", algorithm,
                        withClasses ? " + entity classes" : "", cv.inDomainAccuracy(), cv.oosRecall(),
                        own.inDomainAccuracy(), own.oosRecall(), other.oosRecall()));
            }
        }
        String table = String.join("\n", rows) + "\n";
        try {
            Files.writeString(models.resolve(CONFIGURATIONS), table);
        } catch (IOException e) {
            throw new FileAccessException("cannot write the comparison: " + e.getMessage(), e);
        }
        return table;
    }

    /** The rows of a table written as tab-separated lines under a header, split into columns (none if absent). */
    private static List<List<String>> rows(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank())
                    .map(l -> List.of(l.split("\t", -1))).toList() : List.of();
        } catch (IOException e) {
            throw new FileAccessException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new FileAccessException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Microseconds per parse of held-out texts, after a warm-up; a rough in-process figure (JMH gives the real one).
     */
    private static List<Double> parseTimes(MessageParser parser, List<Example> texts) {
        for (int i = 0; i < WARM_UP; i++) {
            parser.parse(texts.get(i % texts.size()).text());
        }
        var times = new ArrayList<Double>(MEASURED);
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            parser.parse(texts.get(i % texts.size()).text());
            times.add((System.nanoTime() - t) / 1e3);
        }
        Collections.sort(times);
        return times;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (p * sorted.size())));
    }
}
