package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character 3- and 4-grams of each word, padded with word boundaries, so that misspellings such as "tenis bal" or
 * "nxt" share features with the words they mean. Has a public no-argument constructor because OpenNLP re-creates
 * generators that way when a model is loaded. Stateless and thread-safe.
 */
public final class CharNGramFeatureGenerator implements FeatureGenerator {

    private static final String PREFIX = "cng=";
    private static final int MIN = 3;
    private static final int MAX = 4;

    public CharNGramFeatureGenerator() {
        // OpenNLP instantiates generators reflectively with no arguments.
    }

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>();
        for (String word : words) {
            features.addAll(ofWord(word));
        }
        return features;
    }

    /** The features of one word, in the order this generator makes them. */
    static List<String> ofWord(String word) {
        return grams(PREFIX, word);
    }

    /** A word's character 3-grams, then its 4-grams, padded with word boundaries, each after the prefix. */
    static List<String> grams(String prefix, String word) {
        String padded = "_" + word + "_";
        List<String> grams = new ArrayList<>(2 * padded.length());
        for (int n = MIN; n <= MAX; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                grams.add(prefix + padded.substring(i, i + n));
            }
        }
        return grams;
    }
}
