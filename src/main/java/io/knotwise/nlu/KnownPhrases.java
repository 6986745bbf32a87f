package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training examples as a lookup in front of the model: a message that is word for word one of them, under one
 * intent only, is that intent ("help", "tennis ball"), however thinly the model spreads a short message's
 * probability. Anything else is the model's to rank. Immutable and thread-safe.
 */
public final class KnownPhrases {

    private final Map<String, String> intentByText;

    private KnownPhrases(Map<String, String> intentByText) {
        this.intentByText = Map.copyOf(intentByText);
    }

    /** The examples whose words name one intent only. */
    public static KnownPhrases of(List<Example> examples) {
        var byText = new HashMap<String, String>();
        Set<String> ambiguous = new HashSet<>();
        for (Example e : examples) {
            String key = String.join(" ", TextNormalizer.words(e.text()));
            String before = byText.putIfAbsent(key, e.intent());
            if (before != null && !before.equals(e.intent())) {
                ambiguous.add(key);
            }
        }
        ambiguous.forEach(byText::remove);
        byText.remove("");
        return new KnownPhrases(byText);
    }

    /** The classifier with the lookup in front of it: a known message's intent first, the model's ranking after. */
    public IntentClassifier over(IntentClassifier classifier) {
        return words -> {
            List<IntentScore> ranking = classifier.rank(words);
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
