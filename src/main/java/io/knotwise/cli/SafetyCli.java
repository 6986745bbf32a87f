package io.knotwise.cli;

import io.knotwise.ConfigurationException;
import io.knotwise.FileAccessException;
import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.content.ContentLoader;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.IntentTrainer;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.RedFlagModelTrainer;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.SafetyCommands;
import io.knotwise.safety.SafetyEvaluation;
import io.knotwise.safety.SafetyReport;
import io.knotwise.safety.SafetySet;
import io.knotwise.safety.SecondOpinion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The red-flag screen's commands: {@code safety-report}, {@code safety-measure}, {@code safety-train},
 * {@code safety-calibrate}, {@code safety-explain} and {@code safety-keep}. Each prints what it did.
 */
public final class SafetyCli {

    /** The hand-written corpus the rules were tuned on, under {@code models/}. */
    public static final String SAFETY_CORPUS = "safety/fitted-corpus.yml";
    /** Every measurement of the screen, written by {@code safety-report}, under {@code models/}. */
    public static final String SAFETY_REPORT = "safety/REPORT.md";
    public static final String SAFETY_REPORT_COMMAND = "java -jar target/knotwise.jar safety-report";

    private SafetyCli() {
    }

    /** Evaluates the red-flag screen on everything it is measured on and writes the report. */
    static void report(Settings settings) {
        var inputs = reportInputs(settings.content().dialogs(), settings.content().models());
        Path report = settings.content().models().resolve(SAFETY_REPORT);
        try {
            Files.writeString(report, SafetyReport.markdown(inputs));
        } catch (IOException e) {
            throw new FileAccessException("cannot write " + report + ": " + e.getMessage(), e);
        }
        System.out.printf("frozen test: recall %.1f%%, false alarms %.2f%%; fitted corpus: recall %d/%d, false alarms"
                        + " %d/%d; wrote %s%n", 100 * inputs.frozen().recall().rate(),
                100 * inputs.frozen().falseAlarmRate(), inputs.fitted().recall().hits(),
                inputs.fitted().recall().total(), inputs.fitted().falseAlarms(), inputs.fitted().harmlessCases(),
                report);
    }

    /** What the safety report shows, measured now on the screen as the guide runs it. */
    public static SafetyReport.Inputs reportInputs(Path dialogs, Path models) {
        Guidebook book = ContentLoader.load(dialogs);
        var nluData = new NluDataLoader(models);
        Set<String> words = Guide.knownWords(nluData);
        var evaluation = new SafetyEvaluation(Guide.detector(book, models, words), book.safety());
        var rulesAlone = rulesAlone(book, words);
        var frozen = SafetySet.loadFolder(models.resolve(SafetyCommands.TEST)).corpus();
        var validation = SafetySet.loadFolder(models.resolve(SafetyCommands.VALIDATION)).corpus();
        return new SafetyReport.Inputs(
                evaluation.evaluate(ContentLoader.loadCorpus(models.resolve(SAFETY_CORPUS))),
                evaluation.evaluate(frozen),
                evaluation.evaluate(validation),
                evaluation.evaluate(inDomainChat(nluData).corpus()),
                rulesAlone.evaluate(frozen),
                rulesAlone.evaluate(validation),
                SafetySet.table(models.resolve(SafetyCommands.FIRST_MEASUREMENTS)), SAFETY_REPORT_COMMAND);
    }

    /**
     * Measures the red-flag screen as it is on labelled sets ({@code .tsv} files or folders of them) and prints the
     * figures; with {@code --misses} it also prints what was missed or wrongly raised (never use that on the frozen
     * test: its lines must not be looked at while tuning), and with {@code --rules} it screens with the rules alone,
     * without the learned second opinion.
     */
    static void measure(Settings settings, List<String> args) {
        boolean misses = args.contains("--misses");
        boolean rulesAlone = args.contains("--rules");
        var files = args.stream().filter(a -> !a.startsWith("--")).map(Path::of).toList();
        var set = new SafetySet(files.stream().flatMap(f -> (Files.isDirectory(f) ? SafetySet.loadFolder(f)
                : SafetySet.load(List.of(f))).lines().stream()).toList());
        Guidebook book = ContentLoader.load(settings.content().dialogs());
        var evaluation = rulesAlone ? rulesAlone(book, Guide.knownWords(new NluDataLoader(settings.content().models())))
                : new SafetyEvaluation(detector(book, settings.content().models()), book.safety());
        var result = evaluation.evaluate(set.corpus());
        System.out.print(SafetyReport.summary(result, misses));
    }

    /** Trains the red-flag screen's second opinion on the training split and the dialogs' corpus. */
    static void train(Settings settings) {
        long start = System.nanoTime();
        var samples = samples(settings.content().dialogs(), settings.content().models());
        Path file = settings.content().models().resolve(SafetyCommands.MODEL);
        var model = RedFlagModelTrainer.trainAndWrite(samples, file);
        Path fingerprint = settings.content().models().resolve(SafetyCommands.FINGERPRINT);
        try {
            Files.writeString(fingerprint, SafetyCommands.fingerprint(samples) + "\n");
        } catch (IOException e) {
            throw new FileAccessException("cannot write " + fingerprint + ": " + e.getMessage(), e);
        }
        System.out.printf("trained on %d messages in %.1f s; wrote %s (event hash %s)%n", samples.size(),
                (System.nanoTime() - start) / 1e9, file, IntentTrainer.eventHash(model));
    }

    /** The second opinion's training samples, read by the rules of {@code dialogs/} as at run time. */
    public static List<RedFlagModelTrainer.Sample> samples(Path dialogs, Path models) {
        Guidebook book = ContentLoader.load(dialogs);
        var reader = new RedFlagDetector(book.safety(), Guide.knownWords(new NluDataLoader(models)));
        return SafetyCommands.samples(reader, book.safety(), SafetySet.loadFolder(models.resolve(SafetyCommands.TRAIN)),
                ContentLoader.loadCorpus(models.resolve(SAFETY_CORPUS)), SafetyCommands.chat(models));
    }

    /** Prints the second opinion's thresholds tried on the validation split, the best last. */
    static void calibrate(Settings settings) {
        Guidebook book = ContentLoader.load(settings.content().dialogs());
        var nluData = new NluDataLoader(settings.content().models());
        System.out.print(SafetyCommands.calibrate(book.safety(), Guide.knownWords(nluData),
                Guide.secondOpinion(settings.content().models()), SafetySet.loadFolder(
                        settings.content().models().resolve(SafetyCommands.VALIDATION)), inDomainChat(nluData)));
    }

    /** Prints how the screen reads each text: its marked words, the concepts kept, the second opinion, the flags. */
    static void explain(Settings settings, List<String> texts) {
        var detector = detector(ContentLoader.load(settings.content().dialogs()), settings.content().models());
        for (String text : texts) {
            System.out.println(String.join(" ", detector.reading(text)));
            System.out.println("  concepts kept: " + detector.groundingConcepts(text));
            System.out.println("  second opinion: " + detector.opinion(text).stream().limit(3)
                    .map(s -> s.name() + String.format(Locale.ROOT, " %.2f", s.confidence())).toList());
            System.out.println("  => " + detector.screen(text, false));
        }
    }

    /** {@code safety-keep NAME FILE}: a set measured as written, kept under models/safety/unseen/ as NAME.tsv. */
    static void keep(Settings settings, List<String> args) {
        if (args.size() != 2) {
            throw new ConfigurationException("usage: java -jar knotwise.jar safety-keep NAME FILE");
        }
        System.out.print(SafetyCommands.keep(settings.content().models(), args.get(0), Path.of(args.get(1))));
    }

    /** The screen without its learned second opinion: the rules (ConText over term lists and concept patterns). */
    private static SafetyEvaluation rulesAlone(Guidebook book, Set<String> knownWords) {
        var rules = book.safety().withSecondOpinion(SecondOpinion.never());
        return new SafetyEvaluation(new RedFlagDetector(rules, knownWords, null), rules);
    }

    /** The red-flag screen as the guide runs it, over these rules and the models' word list and second opinion. */
    private static RedFlagDetector detector(Guidebook book, Path models) {
        return Guide.detector(book, models, Guide.knownWords(new NluDataLoader(models)));
    }

    /** The held-out in-domain chat (never trained on), as harmless lines: no red flag should be raised on them. */
    private static SafetySet inDomainChat(NluDataLoader nluData) {
        return new SafetySet(Stream.of("test", "validation").flatMap(split -> nluData.heldOut(split).stream())
                .filter(e -> !e.intent().equals(Understanding.OUT_OF_SCOPE))
                .map(e -> new SafetySet.Line(SafetySet.NONE, SafetySet.NONE, "chat", e.text(), e.file()))
                .toList());
    }
}
