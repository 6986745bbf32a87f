package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The deletion index answers exactly what comparing a word with every word of the vocabulary would. */
class OneEditIndexTest {

    private static final String LETTERS = "abcdeknorst";

    private static String randomWord(Random random) {
        var word = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return word.toString();
    }

    private static boolean byScanning(List<String> vocabulary, String word) {
        return vocabulary.contains(word) || vocabulary.stream().anyMatch(v -> SpellingCorrector.oneEditApart(word, v));
    }

    @Test
    void aWordIsNearlyContainedExactlyWhenItIsInTheVocabularyOrOneEditFromAWordOfIt() {
        var random = new Random(17);
        var vocabulary = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            vocabulary.add(randomWord(random));
        }
        var index = OneEditIndex.of(vocabulary);

        for (int i = 0; i < 20_000; i++) {
            String word = randomWord(random);
            assertThat(index.nearlyContains(word)).as(word).isEqualTo(byScanning(vocabulary, word));
        }
    }

    @Test
    void insertionsDeletionsSubstitutionsAndSwapsAreOneEditAway() {
        var index = OneEditIndex.of(List.of("tennis", "knot"));

        assertThat(index.nearlyContains("tennis")).isTrue();
        assertThat(index.nearlyContains("tenis")).as("a deletion").isTrue();
        assertThat(index.nearlyContains("tenniss")).as("an insertion").isTrue();
        assertThat(index.nearlyContains("tannis")).as("a substitution").isTrue();
        assertThat(index.nearlyContains("ktno")).as("two edits").isFalse();
        assertThat(index.nearlyContains("knto")).as("a swap").isTrue();
        assertThat(index.nearlyContains("purple")).isFalse();
    }
}
