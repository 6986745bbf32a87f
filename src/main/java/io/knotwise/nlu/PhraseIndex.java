package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds whole-word phrases in a token sequence, longest match first. Immutable and thread-safe.
 *
 * @param <V> what a phrase stands for
 */
public final class PhraseIndex<V> {

    private final Map<String, List<Entry<V>>> byFirstWord;

    private record Entry<V>(String[] words, V value) {
    }

    /** A phrase found at tokens {@code [from, to)}. */
    public record Match<V>(int from, int to, V value) {
    }

    private PhraseIndex(Map<String, List<Entry<V>>> byFirstWord) {
        this.byFirstWord = byFirstWord;
    }

    /** Indexes each phrase (any text; normalized here) under the value it stands for. */
    public static <V> PhraseIndex<V> of(Map<String, V> phrases) {
        return of(phrases, UnaryOperator.identity());
    }

    /**
     * Indexes each phrase with its words in the given form (a stem, say); the words searched must be in the same
     * form.
     */
    public static <V> PhraseIndex<V> of(Map<String, V> phrases, UnaryOperator<String> form) {
        var index = new HashMap<String, List<Entry<V>>>();
        phrases.forEach((phrase, value) -> {
            String[] words = java.util.Arrays.stream(TextNormalizer.words(phrase)).map(form).toArray(String[]::new);
            if (words.length > 0) {
                index.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Entry<>(words, value));
            }
        });
        index.values().forEach(list -> list.sort((a, b) -> b.words().length - a.words().length));
        return new PhraseIndex<>(Map.copyOf(index));
    }

    /** Every non-overlapping match, scanning left to right and preferring the longest phrase at each position. */
    public List<Match<V>> find(List<String> words) {
        var matches = new ArrayList<Match<V>>();
        int i = 0;
        while (i < words.size()) {
            Match<V> match = longestAt(words, i);
            if (match == null) {
                i++;
            } else {
                matches.add(match);
                i = match.to();
            }
        }
        return matches;
    }

    private Match<V> longestAt(List<String> words, int at) {
        for (Entry<V> entry : byFirstWord.getOrDefault(words.get(at), List.of())) {
            int end = at + entry.words().length;
            if (end <= words.size() && Arrays.equals(entry.words(), words.subList(at, end).toArray())) {
                return new Match<>(at, end, entry.value());
            }
        }
        return null;
    }
}
