package io.knotwise.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one text normalizer, in front of training, classification, entity extraction and the red-flag screen alike, so
 * that what hides a word from one hides it from none. It reads text as typed: compatibility forms folded (NFKD, so
 * fullwidth letters and ligatures are plain letters), accents and other combining marks on Latin letters dropped,
 * format characters (zero-width spaces and joiners, soft hyphens, bidi marks) removed without splitting the word,
 * apostrophe look-alikes unified, letters lowercased, and a letter repeated three or more times squeezed to two
 * ("soooo" is "soo", which the spelling corrector can then mend). Every word keeps the offsets of the characters it
 * came from in the original text. Stateless and thread-safe.
 */
public final class TextNormalizer {

    private static final String APOSTROPHES = "'\u2019\u2018\u201B\u02BC\u02B9\u02BB\u2032\u0060\u00B4\uFF07";
    private static final int SQUEEZE_TO = 2;
    /** Each ASCII character folded, made once: most messages are ASCII and fold without making a string each. */
    private static final String[] ASCII = IntStream.range(0, 0x80)
            .mapToObj(TextNormalizer::foldAny).toArray(String[]::new);

    private TextNormalizer() {
    }

    /** The words of a text, normalized, each with the offsets {@code [start, end)} of its characters in the text. */
    public static List<Token> tokens(String text) {
        var tokens = new ArrayList<Token>();
        var word = new StringBuilder();
        int start = -1;
        int end = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Character.getType(cp) != Character.FORMAT) {
                String folded = fold(cp);
                for (int k = 0; k < folded.length(); k++) {
                    char c = folded.charAt(k);
                    if (c == ' ') {
                        if (start >= 0) {
                            add(tokens, word, start, end);
                        }
                        start = -1;
                        word.setLength(0);
                    } else {
                        if (start < 0) {
                            start = i;
                        }
                        word.append(c);
                        end = next;
                    }
                }
            }
            i = next;
        }
        if (start >= 0) {
            add(tokens, word, start, end);
        }
        return tokens;
    }

    /** The normalized words of a text joined by single spaces: the form in which two texts are the same message. */
    public static String phrase(String text) {
        return String.join(" ", words(text));
    }

    /** Whether every character of a word is a digit; an empty word is, as {@code chars().allMatch} has it. */
    public static boolean digits(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any character of a text is one of the given characters. */
    public static boolean anyOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The normalized words of any text: the form used for training and classification. */
    public static String[] words(String text) {
        return tokens(text).stream().map(Token::text).toArray(String[]::new);
    }

    /**
     * One character as the screen reads it: a letter or digit (lowercased), an apostrophe, marks dropped, or a space.
     */
    private static String fold(int cp) {
        return cp < ASCII.length ? ASCII[cp] : foldAny(cp);
    }

    private static String foldAny(int cp) {
        if (APOSTROPHES.indexOf(cp) >= 0) {
            return "'";
        }
        if (cp < 0x80) {
            return Character.isLetterOrDigit(cp) ? String.valueOf(Character.toLowerCase((char) cp)) : " ";
        }
        String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD);
        var out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                return;
            }
            if (APOSTROPHES.indexOf(c) >= 0) {
                out.append('\'');
            } else if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(Character.toLowerCase(c));
            } else {
                out.append(' ');
            }
        });
        return out.toString();
    }

    private static void add(List<Token> tokens, StringBuilder word, int start, int end) {
        String text = squeeze(trimQuotes(word.toString()));
        if (!text.isEmpty()) {
            tokens.add(new Token(text, start, end));
        }
    }

    /** Runs of one letter longer than two cut to two: "sooooo" is "soo", "pleeease" is "pleease". */
    private static String squeeze(String word) {
        StringBuilder out = null;  // made only for a word that has such a run
        int run = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            run = i > 0 && word.charAt(i - 1) == c && Character.isLetter(c) ? run + 1 : 1;
            if (run > SQUEEZE_TO && out == null) {
                out = new StringBuilder(word.length()).append(word, 0, i);
            } else if (run <= SQUEEZE_TO && out != null) {
                out.append(c);
            }
        }
        return out == null ? word : out.toString();
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
