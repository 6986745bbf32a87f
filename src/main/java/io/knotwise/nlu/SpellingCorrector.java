package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Corrects a misspelt word to a word of a target vocabulary: by an explicit list of misspellings ("tite" is "tight"),
 * or, for an unknown word of five letters or more, to the one target word a single edit away (Damerau-Levenshtein:
 * one letter added, dropped, changed, or two swapped) that starts with the same letter. Known words are never
 * changed, so "swearing" stays itself when the known vocabulary holds it, and neither is a word with an apostrophe
 * ("bum's" is not "bump"). Immutable and thread-safe.
 */
public final class SpellingCorrector implements UnaryOperator<String> {

    private static final int MIN_LENGTH = 5;

    private final Map<String, String> explicit;
    private final Set<String> targets;
    private final Set<String> known;
    private final Map<Character, List<String>> targetsByInitial;

    public SpellingCorrector(Set<String> targets, Set<String> known, Map<String, String> explicit) {
        this.explicit = Map.copyOf(explicit);
        this.targets = Set.copyOf(targets);
        this.known = Set.copyOf(known);
        var byInitial = new HashMap<Character, List<String>>();
        targets.stream().filter(t -> t.length() >= MIN_LENGTH - 1).sorted().forEach(t ->
                byInitial.computeIfAbsent(t.charAt(0), k -> new ArrayList<>()).add(t));
        byInitial.replaceAll((k, v) -> List.copyOf(v));
        this.targetsByInitial = Map.copyOf(byInitial);
    }

    public static SpellingCorrector none() {
        return new SpellingCorrector(Set.of(), Set.of(), Map.of());
    }

    @Override
    public String apply(String word) {
        String fixed = explicit.get(word);
        if (fixed != null) {
            return fixed;
        }
        if (word.length() < MIN_LENGTH || targets.contains(word) || known.contains(word) || word.indexOf('\'') >= 0) {
            return word;
        }
        String found = null;
        for (String target : targetsByInitial.getOrDefault(word.charAt(0), List.of())) {
            if (Math.abs(target.length() - word.length()) <= 1 && oneEditApart(word, target)) {
                if (found != null) {
                    return word;
                }
                found = target;
            }
        }
        return found == null ? word : found;
    }

    /** Whether two different words are one insertion, deletion, substitution or adjacent swap apart. */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    differences++;
                    first = first < 0 ? i : first;
                }
            }
            return differences == 1 || (differences == 2 && first + 1 < a.length()
                    && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                    && a.substring(first + 2).equals(b.substring(first + 2)));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }
}
