package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhraseScannerTest {

    private static List<String> words(String text) {
        return Arrays.asList(TextNormalizer.words(text));
    }

    private static PhraseIndex<String> index(String... phrases) {
        var map = new LinkedHashMap<String, String>();
        for (String phrase : phrases) {
            map.put(phrase, phrase);
        }
        return PhraseIndex.of(map);
    }

    @Test
    void findsForEachIndexWhatTheIndexFindsAlone() {
        var symptoms = index("chest pain", "chest", "pain", "pain in my arm", "arm");
        var negations = index("no", "no more", "not");
        var others = index("my dad", "my", "dad has");
        var scanner = new PhraseScanner(List.of(symptoms, negations, others));
        for (String text : List.of("no chest pain", "my dad has pain in my arm no more", "chest chest pain in my arm",
                "pain in my", "nothing here at all", "my my my dad")) {
            var found = scanner.scan(words(text));
            for (var index : List.of(symptoms, negations, others)) {
                assertThat(found.find(index)).as(text).isEqualTo(index.find(words(text)));
            }
        }
    }

    @Test
    void prefersTheLongestPhraseAndSkipsWhatOverlapsIt() {
        var symptoms = index("chest", "chest pain", "pain in my arm");
        var found = new PhraseScanner(List.of(symptoms)).scan(words("chest pain in my arm"));

        assertThat(found.find(symptoms)).extracting(PhraseIndex.Match::value).containsExactly("chest pain");
    }

    @Test
    void answersMatchAtLikeTheIndex() {
        var starts = index("can i", "can");
        var found = new PhraseScanner(List.of(starts)).scan(words("well can i use it"));

        assertThat(found.matchAt(starts, 1)).isEqualTo(new PhraseIndex.Match<>(1, 3, "can i"));
        assertThat(found.matchAt(starts, 0)).isNull();
        assertThat(found.matchAt(starts, -1)).isNull();
    }

    @Test
    void tellsWhetherAnyOfSomeIndexesHasAPhraseInAMessage() {
        var cardiac = index("chest pain", "left arm");
        var fever = index("fever", "chills");
        var negations = index("no");
        var scanner = new PhraseScanner(List.of(cardiac, fever, negations));
        int[] symptoms = scanner.ids(List.of(cardiac, fever));

        assertThat(scanner.scan(words("no chills today")).anyOf(symptoms)).isTrue();
        assertThat(scanner.scan(words("no, nothing like that")).anyOf(symptoms)).isFalse();
        assertThat(scanner.scan(words("my chest is fine")).anyOf(symptoms)).isFalse();
    }

    @Test
    void searchesAnIndexItWasNotBuiltWithOnItsOwn() {
        var known = index("fever");
        var other = PhraseIndex.of(Map.of("numb hands", 1));
        var found = new PhraseScanner(List.of(known)).scan(words("numb hands and a fever"));

        assertThat(found.find(other)).containsExactly(new PhraseIndex.Match<>(0, 2, 1));
        assertThat(found.find(known)).containsExactly(new PhraseIndex.Match<>(4, 5, "fever"));
    }
}
