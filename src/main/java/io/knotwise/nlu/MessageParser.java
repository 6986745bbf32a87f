package io.knotwise.nlu;

import java.util.List;

/** Turns a message into an {@link Understanding}: intent ranking, threshold and entities. Thread-safe. */
public final class MessageParser {

    private static final int RANKING_SIZE = 5;

    private final IntentClassifier classifier;
    private final EntityExtractor entities;
    private final double threshold;
    private final double margin;

    /**
     * The best intent is acted on when its confidence reaches {@code threshold} or leads the next by {@code margin}.
     */
    public MessageParser(IntentClassifier classifier, EntityExtractor entities, double threshold, double margin) {
        this.classifier = classifier;
        this.entities = entities;
        this.threshold = threshold;
        this.margin = margin;
    }

    public Understanding parse(String text) {
        String[] words = TextNormalizer.words(text);
        List<IntentScore> ranking = words.length == 0 ? List.of() : classifier.rank(words);
        if (ranking.isEmpty()) {
            ranking = List.of(new IntentScore(Understanding.OUT_OF_SCOPE, 1.0));
        }
        IntentScore best = ranking.get(0);
        List<IntentScore> top = ranking.subList(0, Math.min(RANKING_SIZE, ranking.size()));
        return new Understanding(text, best, top, entities.extract(text), confident(ranking, threshold, margin));
    }

    /**
     * The decision rule, shared with evaluation and calibration: act on the best intent when its confidence reaches
     * the threshold or leads the runner-up by the margin; otherwise the message is not understood (rejected).
     */
    public static boolean confident(List<IntentScore> ranking, double threshold, double margin) {
        if (ranking.isEmpty()) {
            return false;
        }
        double best = ranking.get(0).confidence();
        double second = ranking.size() > 1 ? ranking.get(1).confidence() : 0;
        return best >= threshold || best - second >= margin;
    }
}
