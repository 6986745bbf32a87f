package io.knotwise.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text as typed: no invisible character, look-alike letter or stretched word changes what is read. */
class TextNormalizerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "crushing chest pain",
        "crush\u00ADing chest pain",          // soft hyphen
        "crush\u200Bing ch\u200Best pain",     // zero-width space
        "crush\u200Ding chest p\u200Cain",     // zero-width joiner and non-joiner
        "\u202Ecrushing\u202C chest\u2060 pain\uFEFF", // bidi override, word joiner, byte-order mark
        "\uFF43\uFF52\uFF55\uFF53\uFF48\uFF49\uFF4E\uFF47 \uFF43\uFF48\uFF45\uFF53\uFF54 \uFF50\uFF41\uFF49\uFF4E",
                // fullwidth
        "cru\u0301shing che\u0300st pa\u0303in", // decomposed accents
        "cr\u00FBshing ch\u00E9st p\u00E0in",    // precomposed accents
        "CRUSHING Chest PAIN",
        "crusshhhhing chessssst paaaain"})
    void everyTrickReadsAsThePlainWords(String text) {
        String read = String.join(" ", TextNormalizer.words(text));
        assertThat(read).isIn("crushing chest pain", "crusshhing chesst paain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"can't breathe", "can\u2019t breathe", "can\u02BCt breathe", "can\uFF07t breathe",
        "can\u2018t breathe", "can`t breathe", "can\u00B4t breathe"})
    void apostropheLookAlikesAreOneApostrophe(String text) {
        assertThat(TextNormalizer.words(text)).containsExactly("can't", "breathe");
    }

    @Test
    void aLetterRepeatedThreeTimesOrMoreIsSqueezedToTwo() {
        assertThat(TextNormalizer.words("soooo sleeeepy, feel fine")).containsExactly("soo", "sleepy", "feel", "fine");
    }

    @Test
    void wordsKeepTheOffsetsOfTheCharactersTheyCameFrom() {
        String text = "my che\u200Bst h\uFF55rts";
        var tokens = TextNormalizer.tokens(text);
        assertThat(tokens).extracting(Token::text).containsExactly("my", "chest", "hurts");
        assertThat(text.substring(tokens.get(1).start(), tokens.get(1).end())).isEqualTo("che\u200Bst");
        assertThat(text.substring(tokens.get(2).start(), tokens.get(2).end())).isEqualTo("h\uFF55rts");
    }

    @Test
    void punctuationSplitsWordsAndQuotesAroundAWordAreDropped() {
        assertThat(TextNormalizer.words("light-headed, 'really' (bad)!")).containsExactly("light", "headed", "really",
                "bad");
    }
}
