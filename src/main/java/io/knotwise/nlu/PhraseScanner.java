package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many phrase indexes searched in one pass over a message: one word trie over the phrases of every index, walked once
 * from each word, so a message costs a few lookups a word however many lists it is searched for. {@link Found} answers
 * for each index exactly what the index would answer alone. Immutable and thread-safe once built.
 */
public final class PhraseScanner {

    private final Map<PhraseIndex<?>, Integer> ids = new IdentityHashMap<>();
    private final Node root = new Node();

    /** A trie node: the words that go on from here, and the indexes a phrase of which ends here, with its value. */
    private static final class Node {
        private Map<String, Node> next = Map.of();
        private int[] ends = {};
        private Object[] values = {};

        private Node child(String word) {
            if (next.isEmpty()) {
                next = new HashMap<>(4);
            }
            return next.computeIfAbsent(word, w -> new Node());
        }

        /** Records that a phrase of index {@code id} ends here, unless an earlier phrase of it already does. */
        private void end(int id, Object value) {
            for (int e : ends) {
                if (e == id) {
                    return;
                }
            }
            ends = Arrays.copyOf(ends, ends.length + 1);
            ends[ends.length - 1] = id;
            values = Arrays.copyOf(values, values.length + 1);
            values[values.length - 1] = value;
        }
    }

    /** Indexes every phrase of these indexes (each index once, however often it is given). */
    public PhraseScanner(Collection<? extends PhraseIndex<?>> indexes) {
        for (PhraseIndex<?> index : indexes) {
            if (ids.containsKey(index)) {
                continue;
            }
            int id = ids.size();
            ids.put(index, id);
            // In the index's own order, longest first: where two phrases of one index have the same words, the first
            // one's value stands, as PhraseIndex#find would give it.
            index.forEachPhrase((words, value) -> {
                Node node = root;
                for (String word : words) {
                    node = node.child(word);
                }
                node.end(id, value);
            });
        }
    }

    /** The numbers this scanner knows these indexes by, for {@link Found#anyOf}; each must be one it was built with. */
    public int[] ids(Collection<? extends PhraseIndex<?>> indexes) {
        return indexes.stream().mapToInt(index -> {
            Integer id = ids.get(index);
            if (id == null) {
                throw new IllegalArgumentException("an index this scanner was not built with");
            }
            return id;
        }).distinct().toArray();
    }

    /** Every phrase of every index in these words (in the form the indexes hold them). */
    public Found scan(List<String> words) {
        return new Found(words);
    }

    /** What one message holds of each index. Used by one thread. */
    public final class Found {

        private final List<String> words;
        /** For each index, its longest phrase at each word where one starts, left to right. */
        private final List<PhraseIndex.Match<Object>>[] longest;
        /** For each index with a phrase here, the answer of {@link #find}, made on first use (and the array too). */
        private List<PhraseIndex.Match<Object>>[] found;

        @SuppressWarnings("unchecked")
        private Found(List<String> words) {
            this.words = words;
            this.longest = new List[ids.size()];
            for (int from = 0; from < words.size(); from++) {
                Node node = root;
                for (int to = from + 1; to <= words.size(); to++) {
                    node = node.next.get(words.get(to - 1));
                    if (node == null) {
                        break;
                    }
                    for (int k = 0; k < node.ends.length; k++) {
                        record(node.ends[k], new PhraseIndex.Match<>(from, to, node.values[k]));
                    }
                }
            }
        }

        /** Whether any phrase of any of these indexes ({@link PhraseScanner#ids}) is in the words. */
        public boolean anyOf(int[] indexes) {
            for (int id : indexes) {
                if (longest[id] != null) {
                    return true;
                }
            }
            return false;
        }

        /** A deeper node ends a longer phrase: it replaces one of the same index at the same word. */
        private void record(int id, PhraseIndex.Match<Object> match) {
            var matches = longest[id];
            if (matches == null) {
                matches = new ArrayList<>(2);
                longest[id] = matches;
            }
            int last = matches.size() - 1;
            if (last >= 0 && matches.get(last).from() == match.from()) {
                matches.set(last, match);
            } else {
                matches.add(match);
            }
        }

        /**
         * What {@code index.find(words)} gives: every non-overlapping match, left to right, the longest at each
         * word. An index the scanner was not built with is searched on its own.
         */
        @SuppressWarnings("unchecked")
        public <V> List<PhraseIndex.Match<V>> find(PhraseIndex<V> index) {
            Integer id = ids.get(index);
            if (id == null) {
                return index.find(words);
            }
            if (longest[id] == null) {
                return List.of();
            }
            if (found == null) {
                found = new List[longest.length];
            }
            if (found[id] == null) {
                found[id] = greedy(longest[id]);
            }
            return (List<PhraseIndex.Match<V>>) (List<?>) found[id];
        }

        /** What {@code index.matchAt(words, at)} gives: the longest phrase starting exactly at word {@code at}. */
        @SuppressWarnings("unchecked")
        public <V> PhraseIndex.Match<V> matchAt(PhraseIndex<V> index, int at) {
            Integer id = ids.get(index);
            if (id == null) {
                return index.matchAt(words, at);
            }
            if (longest[id] != null) {
                for (var match : longest[id]) {
                    if (match.from() == at) {
                        return (PhraseIndex.Match<V>) (PhraseIndex.Match<?>) match;
                    }
                }
            }
            return null;
        }
    }

    /** The longest match at each word, left to right, skipping those that overlap one taken. */
    private static List<PhraseIndex.Match<Object>> greedy(List<PhraseIndex.Match<Object>> candidates) {
        var kept = new ArrayList<PhraseIndex.Match<Object>>(candidates.size());
        int free = 0;
        for (var match : candidates) {
            if (match.from() >= free) {
                kept.add(match);
                free = match.to();
            }
        }
        return kept;
    }
}
