package io.knotwise.safety;

import io.knotwise.nlu.PhraseIndex;
import java.util.List;
import java.util.Set;

/**
 * The NegEx scope of one message (Chapman et al., 2001): which term matches are affirmed rather than negated, put in
 * the past, or asked about hypothetically. A trigger reaches forward over at most {@code window} words, a post-trigger
 * backward, and neither across a terminator ("but") or a sentence end. Immutable.
 */
final class NegationScope {

    private final List<String> words;
    private final Set<Integer> sentenceStarts;
    private final int window;
    private final List<PhraseIndex.Match<Boolean>> before;
    private final List<PhraseIndex.Match<Boolean>> after;
    private final List<PhraseIndex.Match<Boolean>> stops;
    private final List<PhraseIndex.Match<Boolean>> past;

    /**
     * @param sentenceStarts indexes of words that begin a new sentence (after ".", "?", "!" or ";")
     */
    NegationScope(List<String> words, Set<Integer> sentenceStarts, Negation negation, Lexicon lexicon) {
        this.words = words;
        this.sentenceStarts = Set.copyOf(sentenceStarts);
        this.window = negation.window();
        var pseudo = lexicon.pseudoTriggers().find(words);
        this.before = java.util.stream.Stream.concat(lexicon.triggers().find(words).stream(),
                        lexicon.hypothetical().find(words).stream())
                .filter(t -> pseudo.stream().noneMatch(p -> p.from() <= t.from() && t.to() <= p.to()))
                .toList();
        this.after = lexicon.postTriggers().find(words);
        this.stops = lexicon.terminators().find(words);
        this.past = lexicon.pastMarkers().find(words);
    }

    /** The phrase lists the scope is read with. */
    record Lexicon(PhraseIndex<Boolean> triggers, PhraseIndex<Boolean> hypothetical,
                   PhraseIndex<Boolean> pseudoTriggers, PhraseIndex<Boolean> postTriggers,
                   PhraseIndex<Boolean> terminators, PhraseIndex<Boolean> pastMarkers) {
    }

    /** Whether some match of the terms is neither negated nor, when {@code pastCounts}, put in the past. */
    boolean affirmed(PhraseIndex<Boolean> terms, boolean pastCounts) {
        // Indexed, not for-each: this runs about a hundred times a message, mostly over an empty list, and the
        // iterators were a tenth of all the bytes a request allocated.
        List<PhraseIndex.Match<Boolean>> matches = terms.find(words);
        for (int i = 0; i < matches.size(); i++) {
            PhraseIndex.Match<Boolean> match = matches.get(i);
            if (!negated(match) && !(pastCounts && followedBy(past, match))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some match of the terms is negated: the user said they do not have it. */
    boolean denied(PhraseIndex<Boolean> terms) {
        for (PhraseIndex.Match<Boolean> match : terms.find(words)) {
            if (negated(match)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some combination has an affirmed term in each of its groups. */
    boolean allAffirmed(List<List<PhraseIndex<Boolean>>> combinations, boolean pastCounts) {
        for (List<PhraseIndex<Boolean>> groups : combinations) {
            boolean all = true;
            for (PhraseIndex<Boolean> group : groups) {
                if (!affirmed(group, pastCounts)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private boolean negated(PhraseIndex.Match<Boolean> term) {
        // A trigger that starts before the term negates it, even when the two share words ("never had" and
        // "had cancer"); one that starts inside the term ("never goes away") is part of the term.
        for (PhraseIndex.Match<Boolean> t : before) {
            if (t.from() < term.from() && term.from() - t.to() <= window
                    && !stoppedBetween(Math.min(t.to(), term.from()), term.from())) {
                return true;
            }
        }
        return followedBy(after, term);
    }

    private boolean followedBy(List<PhraseIndex.Match<Boolean>> markers, PhraseIndex.Match<Boolean> term) {
        for (PhraseIndex.Match<Boolean> t : markers) {
            if (t.from() >= term.to() && t.from() - term.to() <= window && !stoppedBetween(term.to(), t.from())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a terminator or a sentence end lies between word {@code from} and word {@code to}. */
    private boolean stoppedBetween(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (sentenceStarts.contains(i)) {
                return true;
            }
        }
        for (PhraseIndex.Match<Boolean> s : stops) {
            if (s.from() >= from && s.from() < to) {
                return true;
            }
        }
        return false;
    }
}
