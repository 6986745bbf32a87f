package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training examples as a lookup in front of the model: a message that is word for word one of them, under one
 * intent only, is that intent ("help", "tennis ball"), however thinly the model spreads a short message's
 * probability; a message none of whose words is a training or lexicon word or one edit from one ("purple", "zxq")
 * keeps the model's order but loses its confidence, since the model would only be guessing from its letters ("tenis"
 * and "nxt" are still the model's), so the guide asks again rather than act on it. Anything else is the model's to
 * rank. Immutable and thread-safe.
 */
final class KnownPhrases {

    private final Map<String, String> intentByText;
    private final OneEditIndex vocabulary;

    private KnownPhrases(Map<String, String> intentByText, Set<String> vocabulary) {
        this.intentByText = Map.copyOf(intentByText);
        this.vocabulary = OneEditIndex.of(vocabulary);
    }

    /**
     * The examples whose words name one intent only, knowing some words besides the examples' (those of a lexicon the
     * model reads).
     */
    public static KnownPhrases of(List<Example> examples, Set<String> lexiconWords) {
        var byText = new HashMap<String, String>();
        Set<String> ambiguous = new HashSet<>();
        Set<String> vocabulary = new HashSet<>(lexiconWords);
        for (Example e : examples) {
            String[] words = TextNormalizer.words(e.text());
            vocabulary.addAll(List.of(words));
            String key = String.join(" ", words);
            String before = byText.putIfAbsent(key, e.intent());
            if (before != null && !before.equals(e.intent())) {
                ambiguous.add(key);
            }
        }
        ambiguous.forEach(byText::remove);
        byText.remove("");
        return new KnownPhrases(byText, vocabulary);
    }

    /** The classifier with the lookup in front of it: a known message's intent first, the model's ranking after. */
    public IntentClassifier over(IntentClassifier classifier) {
        return words -> {
            List<IntentScore> ranking = classifier.rank(words);
            if (Arrays.stream(words).noneMatch(vocabulary::nearlyContains)) {
                // The model's order, as likely options to offer, but no confidence to act on.
                double even = 1.0 / Math.max(1, ranking.size());
                return ranking.stream().map(s -> new IntentScore(s.name(), even)).toList();
            }
            String intent = intentByText.get(String.join(" ", words));
            if (intent == null) {
                return ranking;
            }
            var known = new ArrayList<IntentScore>();
            known.add(new IntentScore(intent, 1.0));
            ranking.stream().filter(s -> !s.name().equals(intent)).forEach(known::add);
            return known;
        };
    }
}
