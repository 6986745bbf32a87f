package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * The one text normalizer, used by training, classification, entity extraction and the red-flag screen alike.
 * It keeps every character's position, so offsets into the normalized text are offsets into the original.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Lower case, letters and digits kept, apostrophes unified, everything else a space; same length as the input. */
    public static String normalize(String text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019' || c == '\u2018') {
                out.append('\'');
            } else {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** The words of a normalized text with their character offsets. */
    public static List<Token> tokens(String normalized) {
        var tokens = new ArrayList<Token>();
        int start = -1;
        for (int i = 0; i <= normalized.length(); i++) {
            boolean space = i == normalized.length() || normalized.charAt(i) == ' ';
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                tokens.add(new Token(trimQuotes(normalized.substring(start, i)), start, i));
                start = -1;
            }
        }
        tokens.removeIf(t -> t.text().isEmpty());
        return tokens;
    }

    /** The words of any text, normalized: the form used for training and classification. */
    public static String[] words(String text) {
        return tokens(normalize(text)).stream().map(Token::text).toArray(String[]::new);
    }

    private static String trimQuotes(String word) {
        int from = 0;
        int to = word.length();
        while (from < to && word.charAt(from) == '\'') {
            from++;
        }
        while (to > from && word.charAt(to - 1) == '\'') {
            to--;
        }
        return word.substring(from, to);
    }
}
