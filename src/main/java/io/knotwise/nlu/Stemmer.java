package io.knotwise.nlu;

import opennlp.tools.stemmer.PorterStemmer;

/**
 * Porter stems of words ("crushing", "crushed" and "crush" all become "crush"), so that a phrase matches however it
 * is inflected. Thread-safe: OpenNLP's stemmer keeps state, so each call uses its own.
 */
public final class Stemmer {

    private Stemmer() {
    }

    public static String stem(String word) {
        return new PorterStemmer().stem(word);
    }
}
