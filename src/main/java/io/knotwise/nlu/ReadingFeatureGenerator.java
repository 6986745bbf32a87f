package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Features of a message as the red-flag screen reads it: for a plain word its form, stem and character 3- and
 * 4-grams (so lay spellings share features with the words they mean); for a word ConText marked ({@code neg|chest},
 * {@code other|warfarin}) only the marked form, so a negated or someone else's word shares nothing with the plain
 * one; for a concept of the lay-language layer ({@code §breathless}, {@code neg|§fever}) the concept alone; and
 * each pair of neighbouring words. Each feature counts once, however often the message repeats it: a harmless sentence
 * said three times is no more alarming than said once. Public no-argument constructor, as OpenNLP re-creates generators
 * reflectively. Stateless and thread-safe.
 */
public final class ReadingFeatureGenerator implements FeatureGenerator {

    /** The prefixes of its features: a concept, a marked word, a pair of words, a plain word, a plain word's gram. */
    static final String CONCEPT = "k=";
    static final String MARKED = "m=";
    static final String PAIR = "b=";
    static final String WORD = "w=";
    static final String GRAM = "c=";
    /** The word before a message's first, in its word pairs. */
    static final String START = "^";

    public ReadingFeatureGenerator() {
        // OpenNLP instantiates generators reflectively with no arguments.
    }

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        Set<String> features = new LinkedHashSet<>(words.length * 16);
        String previous = START;
        for (String word : words) {
            if (word.indexOf('\u00A7') >= 0) {
                features.add(CONCEPT + word);
                continue;
            }
            if (word.indexOf('|') >= 0) {
                features.add(MARKED + word);
            } else {
                features.addAll(plainWord(word));
            }
            features.add(PAIR + previous + "_" + word);
            previous = word;
        }
        return features;
    }

    /** The features of a word ConText left unmarked: its form, then its character n-grams. */
    static List<String> plainWord(String word) {
        var features = new ArrayList<String>();
        features.add(WORD + word);
        features.addAll(CharNGramFeatureGenerator.grams(GRAM, word));
        return features;
    }
}
