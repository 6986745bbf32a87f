package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vocabulary that answers "is this word in it, or one edit from a word in it?" without scanning it: every word is
 * filed under itself and under each of its one-letter deletions, so the words one insertion, deletion, substitution
 * or adjacent swap away from a query are among those filed under the query or under one of its deletions (the
 * deletion neighbourhood of SymSpell, Garbe 2012), and only those are compared. Immutable and thread-safe.
 */
final class OneEditIndex {

    private final Set<String> words;
    private final Map<String, List<String>> byDeletion;

    private OneEditIndex(Set<String> words, Map<String, List<String>> byDeletion) {
        this.words = words;
        this.byDeletion = byDeletion;
    }

    static OneEditIndex of(Collection<String> vocabulary) {
        var filed = new HashMap<String, List<String>>();
        for (String word : Set.copyOf(vocabulary)) {
            filed.computeIfAbsent(word, k -> new ArrayList<>(1)).add(word);
            for (int i = 0; i < word.length(); i++) {
                filed.computeIfAbsent(deleted(word, i), k -> new ArrayList<>(1)).add(word);
            }
        }
        var frozen = new HashMap<String, List<String>>();
        filed.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return new OneEditIndex(Set.copyOf(vocabulary), Map.copyOf(frozen));
    }

    /** Whether the word is in the vocabulary or one edit from a word in it. */
    boolean nearlyContains(String word) {
        if (words.contains(word) || near(word, byDeletion.get(word))) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            if (near(word, byDeletion.get(deleted(word, i)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean near(String word, List<String> candidates) {
        if (candidates == null) {
            return false;
        }
        for (String candidate : candidates) {
            if (SpellingCorrector.oneEditApart(word, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String deleted(String word, int at) {
        return word.substring(0, at) + word.substring(at + 1);
    }
}
