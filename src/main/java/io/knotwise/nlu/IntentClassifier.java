package io.knotwise.nlu;

import java.util.List;

/** Ranks the intents for the normalized words of one message, most likely first; implementations are thread-safe. */
@FunctionalInterface
public interface IntentClassifier {

    List<IntentScore> rank(String[] words);
}
