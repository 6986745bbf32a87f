package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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

    /** Indexes each phrase under itself: a list of cue words whose match names what was said. */
    public static PhraseIndex<String> ofPhrases(Collection<String> phrases) {
        return of(phrases.stream().collect(Collectors.toMap(p -> p, p -> p, (a, b) -> a)));
    }

    /**
     * Indexes each phrase with its words in the given form (a stem, say); the words searched must be in the same
     * form.
     */
    public static <V> PhraseIndex<V> of(Map<String, V> phrases, UnaryOperator<String> form) {
        var index = new HashMap<String, List<Entry<V>>>();
        phrases.forEach((phrase, value) -> {
            String[] words = Arrays.stream(TextNormalizer.words(phrase)).map(form).toArray(String[]::new);
            if (words.length > 0) {
                index.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Entry<>(words, value));
            }
        });
        index.values().forEach(list -> list.sort((a, b) -> b.words().length - a.words().length));
        return new PhraseIndex<>(new HashMap<>(index));
    }

    /** Gives each phrase's words and value to {@code action}: those under one first word longest first. */
    void forEachPhrase(BiConsumer<String[], V> action) {
        byFirstWord.values().forEach(entries -> entries.forEach(e -> action.accept(e.words(), e.value())));
    }

    /** Every non-overlapping match, scanning left to right and preferring the longest phrase at each position. */
    public List<Match<V>> find(List<String> words) {
        List<Match<V>> matches = List.of();
        int i = 0;
        while (i < words.size()) {
            Match<V> match = longestAt(words, i);
            if (match == null) {
                i++;
            } else {
                if (matches.isEmpty()) {
                    matches = new ArrayList<>(2);
                }
                matches.add(match);
                i = match.to();
            }
        }
        return matches;
    }

    /** The longest phrase starting exactly at word {@code at}, or null. */
    public Match<V> matchAt(List<String> words, int at) {
        return at < words.size() ? longestAt(words, at) : null;
    }

    private Match<V> longestAt(List<String> words, int at) {
        List<Entry<V>> entries = byFirstWord.get(words.get(at));
        if (entries == null) {
            return null;
        }
        for (Entry<V> entry : entries) {
            if (startsAt(entry.words(), words, at)) {
                return new Match<>(at, at + entry.words().length, entry.value());
            }
        }
        return null;
    }

    private static boolean startsAt(String[] phrase, List<String> words, int at) {
        if (at + phrase.length > words.size()) {
            return false;
        }
        for (int k = 1; k < phrase.length; k++) {
            if (!phrase[k].equals(words.get(at + k))) {
                return false;
            }
        }
        return true;
    }
}
