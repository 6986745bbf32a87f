package io.knotwise.cli;

import io.knotwise.Settings;
import io.knotwise.nlu.IntentTrainer;
import io.knotwise.nlu.NluCommands;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.OpenNlpIntentClassifier;
import java.nio.file.Path;
import java.util.List;

/**
 * The intent model's commands: {@code train}, {@code calibrate}, {@code evaluate}, {@code intent-measure}, {@code
 * intent-compare}, {@code intent-merge}.
 */
final class IntentCli {

    private IntentCli() {
    }

    static void train(Settings settings) {
        long start = System.nanoTime();
        var model = IntentTrainer.trainAndWrite(settings.content().models());
        var examples = new NluDataLoader(settings.content().models()).examples();
        System.out.printf("trained on %d examples of %d intents in %.1f s; wrote %s (event hash %s)%n",
                examples.size(), new OpenNlpIntentClassifier(model).intents().size(),
                (System.nanoTime() - start) / 1e9, settings.content().models().resolve(NluDataLoader.MODEL_FILE),
                IntentTrainer.eventHash(model));
    }

    static void calibrate(Settings settings) {
        var choice = NluCommands.calibrate(settings.content().models()).chosen();
        System.out.printf("threshold %.2f, margin %.2f: our in-domain accuracy %.1f%%, CLINC150 out-of-scope recall"
                + " %.1f%%; written to models/nlu.yml%n", choice.threshold(), choice.margin(),
                100 * choice.ownAccuracy(), 100 * choice.clincOosRecall());
    }

    static void evaluate(Settings settings) {
        var r = NluCommands.evaluate(settings.content().models(), "java -jar target/knotwise.jar evaluate");
        System.out.printf("held-out in-domain accuracy %.1f%%; CLINC150 out-of-scope recall %.1f%%; training %.1f s;"
                + " model %.2f MB; parse median %.0f us, p99 %.0f us; wrote models/REPORT.md%n",
                100 * r.heldOut().inDomainAccuracy(), 100 * r.clinc().oosRecall(), r.trainingSeconds(),
                r.modelBytes() / 1e6, r.parseMedianMicros(), r.parseP99Micros());
    }

    /** {@code intent-measure [--misses] FILE...}: the figures on labelled sets, and with --misses the errors. */
    static void measure(Settings settings, List<String> args) {
        System.out.print(NluCommands.measure(settings.content().models(), args.stream().filter(a -> !a.startsWith("--"))
                .map(Path::of).toList(), args.contains("--misses")));
    }

    /** {@code intent-merge FILE...}: unseen sets, measured once, merged into the training data. */
    static void merge(Settings settings, List<String> args) {
        System.out.print(NluCommands.merge(settings.content().models(), args.stream().map(Path::of).toList()));
    }

    static void compare(Settings settings) {
        System.out.print(NluCommands.compare(settings.content().models()));
    }
}
