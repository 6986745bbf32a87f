package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The Porter stem of each word and of each pair of neighbouring words, so "loosen", "loosening" and "loosened" share
 * features. Public no-argument constructor, as OpenNLP re-creates generators reflectively. Stateless and thread-safe.
 */
public final class StemFeatureGenerator implements FeatureGenerator {

    /** The prefixes of its features: a word's stem, and the pair of it and the stem before. */
    static final String STEM = "stem=";
    static final String PAIR = "stem2=";

    public StemFeatureGenerator() {
        // OpenNLP instantiates generators reflectively with no arguments.
    }

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(words.length * 2);
        String previous = null;
        for (String word : words) {
            String stem = Stemmer.stem(word);
            features.add(STEM + stem);
            if (previous != null) {
                features.add(PAIR + previous + "_" + stem);
            }
            previous = stem;
        }
        return features;
    }
}
