package io.knotwise.safety;

import io.knotwise.FileAccessException;
import io.knotwise.InvalidDataException;
import io.knotwise.nlu.IntentClassifier;
import io.knotwise.nlu.RedFlagModelTrainer;
import io.knotwise.nlu.TextNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The author commands for the red-flag screen's learned second opinion: the training samples, and the sweep that
 * calibrates its thresholds on the validation split. The frozen test never enters here.
 */
public final class SafetyCommands {

    /** Where the labelled sets live, under {@code models/}. */
    public static final String TRAIN = "safety/train";
    public static final String VALIDATION = "safety/validation";
    public static final String TEST = "safety/test";
    public static final String UNSEEN = "safety/unseen";
    public static final String MODEL = "safety/redflag.bin";
    public static final String FINGERPRINT = "safety/redflag.sha256";
    public static final String FIRST_MEASUREMENTS = "safety/first-measurements.tsv";

    /**
     * Every how many intent examples one is taken as ordinary chat: all of them (about 6,000) outweighed the red
     * flags so much that lay phrasings fell under the threshold; a quarter keeps short chat harmless (0.2% of the
     * held-out in-domain chat flagged) and recalled more on authors left out of training.
     */
    /** Ordinary chat learned as harmless, frozen apart from the intent model's data so new intents leave it alone. */
    public static final String CHAT = "safety/chat.txt";

    private SafetyCommands() {
    }

    /**
     * The second opinion's training samples: the training split, the hand-written corpus of {@code dialogs/}, and
     * ordinary chat ({@link #CHAT}) that the rules raise nothing on, as {@code none}; each message read by the rules'
     * ConText exactly as at run time.
     */
    public static List<RedFlagModelTrainer.Sample> samples(RedFlagDetector reader, SafetyRules rules,
                                                           SafetySet train, SafetyCorpus corpus, List<String> chat) {
        // Reading tens of thousands of lines is most of the work: on every core, in the order given (the reader is
        // thread-safe, and the same data must give the same samples, model and fingerprint).
        var samples = new ArrayList<RedFlagModelTrainer.Sample>(chat.parallelStream()
                .filter(text -> reader.detect(text, false).isEmpty())
                .map(text -> new RedFlagModelTrainer.Sample(SafetySet.NONE, reader.reading(text))).toList());
        samples.addAll(train.lines().parallelStream().map(line -> new RedFlagModelTrainer.Sample(
                label(rules, line.label(), line.tier()), reader.reading(line.text()))).toList());
        // In the rules' order: the corpus's map has none, and the same data must give the same model and fingerprint.
        for (Category category : rules.categories()) {
            String id = category.id();
            var cases = corpus.categories().getOrDefault(id, new SafetyCorpus.Cases(List.of(), List.of()));
            cases.positives().forEach(c -> samples.add(new RedFlagModelTrainer.Sample(label(rules, id, c.tier()),
                    reader.reading(c.text()))));
            cases.negatives().forEach(c -> samples.add(new RedFlagModelTrainer.Sample(SafetySet.NONE,
                    reader.reading(c.text()))));
        }
        corpus.modifiers().forEach(c -> samples.add(new RedFlagModelTrainer.Sample(label(rules, c.category(), null),
                reader.reading(c.text()))));
        corpus.benign().forEach(text -> samples.add(new RedFlagModelTrainer.Sample(SafetySet.NONE,
                reader.reading(text))));
        return samples;
    }

    /** The ordinary chat the second opinion learns as harmless ({@link #CHAT}), without comments and blank lines. */
    public static List<String> chat(Path models) {
        Path file = models.resolve(CHAT);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Keeps a set just measured as written in {@code models/safety/unseen/NAME.tsv}, without the lines that repeat a
     * frozen-test line (the frozen test must stay apart from everything tuned on); returns how many were kept and
     * dropped.
     */
    public static String keep(Path models, String name, Path written) {
        var frozen = new HashSet<String>();
        SafetySet.loadFolder(models.resolve(TEST)).lines().forEach(l -> frozen.add(TextNormalizer.phrase(l.text())));
        var rows = new ArrayList<String>();
        var set = SafetySet.load(List.of(written));
        for (SafetySet.Line line : set.lines()) {
            if (!frozen.contains(TextNormalizer.phrase(line.text()))) {
                rows.add(String.join("\t", line.label(), line.tier(), line.style(), line.text()));
            }
        }
        Path target = models.resolve(UNSEEN).resolve(name + ".tsv");
        try {
            Files.writeString(target, "label\ttier\tstyle\ttext\n" + String.join("\n", rows) + "\n");
        } catch (IOException e) {
            throw new FileAccessException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return String.format(Locale.ROOT, "%s: kept %d lines in %s; dropped %d repeating the frozen test%n", name,
                rows.size(), target, set.lines().size() - rows.size());
    }

    /**
     * A fingerprint of the training samples (labels and readings): the committed model was trained on the current
     * data, rules and concepts exactly when the fingerprint written beside it matches.
     */
    public static String fingerprint(List<RedFlagModelTrainer.Sample> samples) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (RedFlagModelTrainer.Sample sample : samples) {
                digest.update((sample.label() + "\t" + String.join(" ", sample.words()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** A category's label, with the tier when it is not the category's own ("headache_red_flags:emergency"). */
    static String label(SafetyRules rules, String id, String tier) {
        if (id.equals(SafetySet.NONE)) {
            return SafetySet.NONE;
        }
        Category category = rules.category(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown red-flag category " + id));
        return tier == null || tier.isBlank() || Tier.fromId(tier) == category.tier() ? id : id + ":" + tier;
    }

    /** In-domain chat may raise a flag on at most this share of messages (issue 12). */
    private static final double CHAT_ALARMS_AT_MOST = 0.005;

    /** One set of thresholds tried on validation, and what it gave. */
    private record Trial(SecondOpinion thresholds, double recall, double falseAlarms, double chatAlarms,
                         int clarifiedPositives, int clarifiedHarmless) {

        /** What the calibration maximises: recall at the right tier less the false-alarm rate. */
        double score() {
            return recall - falseAlarms;
        }

        String row() {
            return String.format(Locale.ROOT, "%.2f\t%.2f\t%.2f\t%.2f\t%.1f%%\t%.1f%%\t%.2f%%\t%d\t%d%n",
                    thresholds.raise(), thresholds.clarify(), thresholds.ungrounded(), thresholds.overrule(),
                    100 * recall, 100 * falseAlarms, 100 * chatAlarms, clarifiedPositives, clarifiedHarmless);
        }
    }

    /**
     * The validation figures for each set of thresholds tried, as a table (recall at the right tier, false alarms on
     * the validation negatives and on in-domain chat, clarifying questions asked), then the best: the most recall
     * less false alarms with in-domain chat under its limit.
     */
    public static String calibrate(SafetyRules rules, Set<String> knownWords, IntentClassifier model,
                                   SafetySet validation, SafetySet chat) {
        var out = new StringBuilder("raise\tclarify\tungrounded\toverrule\trecall\tfalse_alarms\tchat_alarms"
                + "\tclarified_positives\tclarified_harmless\n");
        Trial best = null;
        for (int raise = 15; raise <= 45; raise += 5) {
            for (int ungrounded = raise; ungrounded <= 75; ungrounded += 10) {
                for (int overrule = 60; overrule <= 100; overrule += 10) {
                    var thresholds = rules.secondOpinion()
                            .with(raise / 100.0, 0.10, ungrounded / 100.0, overrule / 100.0);
                    Trial trial = trial(rules.withSecondOpinion(thresholds), knownWords, model, validation, chat);
                    out.append(trial.row());
                    if (trial.chatAlarms() <= CHAT_ALARMS_AT_MOST && (best == null || trial.score() > best.score())) {
                        best = trial;
                    }
                }
            }
        }
        out.append("# best (recall less false alarms, in-domain chat at most 0.5%): ")
                .append(best == null ? "none\n" : best.row());
        return out.toString();
    }

    private static Trial trial(SafetyRules tuned, Set<String> knownWords, IntentClassifier model,
                               SafetySet validation, SafetySet chat) {
        var detector = new RedFlagDetector(tuned, knownWords, model);
        var evaluation = new SafetyEvaluation(detector, tuned);
        var result = evaluation.evaluate(validation.corpus());
        int clarifiedPositives = 0;
        int clarifiedHarmless = 0;
        for (SafetySet.Line line : validation.lines()) {
            Screening screening = detector.screen(line.text(), false);
            if (!screening.unsure().isEmpty() && screening.flags().isEmpty()) {
                if (line.positive()) {
                    clarifiedPositives++;
                } else {
                    clarifiedHarmless++;
                }
            }
        }
        return new Trial(tuned.secondOpinion(), result.recall().rate(), result.falseAlarmRate(),
                evaluation.evaluate(chat.corpus()).falseAlarmRate(), clarifiedPositives, clarifiedHarmless);
    }
}
