package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;

/**
 * A maxent document categorizer compiled for reading many short messages: the same probabilities as OpenNLP's {@code
 * DocumentCategorizerME}, bit for bit, with less work per message. OpenNLP builds every feature of a message as a
 * string ("cng=_kno", "bow=knot", "ng=:the:knot") and looks each up in the model's map, then follows each feature to
 * its own two small arrays. Here every token a feature of the model names (a word, a stem, a marked word) has a
 * number, and each message word is looked up once: the ids of a known word's own features and of the pairs of known
 * words were found when the model loaded, and only unknown words are built into feature strings. The weights lie in
 * one array, each feature's outcomes and weights side by side after their count (a feature's id is where they start),
 * and are summed in OpenNLP's order, so the floating-point result is the same (docs/BENCHMARKS.md has the timings).
 * Compiles the generators this project trains with ({@link IntentTrainer}, {@link RedFlagModelTrainer}); {@link #of}
 * is empty for any other model. Immutable and thread-safe.
 */
final class CompiledDoccat {

    private static final int NONE = -1;
    /** The prefixes of OpenNLP's {@link BagOfWordsFeatureGenerator} and {@link NGramFeatureGenerator}. */
    private static final String BAG = "bow=";
    private static final String NGRAM = "ng=:";
    /** The features of a word's own form: what makes a word part of the vocabulary the model was trained on. */
    private static final List<String> FORM_FEATURES = List.of(BAG, ReadingFeatureGenerator.WORD);
    /** The features naming one token each, whose tokens are numbered (see {@link #tokens}). */
    private static final List<String> TOKEN_FEATURES = Stream.concat(FORM_FEATURES.stream(), Stream.of(
            StemFeatureGenerator.STEM, ReadingFeatureGenerator.MARKED, ReadingFeatureGenerator.CONCEPT)).toList();
    /** The generators compiled here, by their exact class (a subclass may make other features). */
    private static final Map<Class<?>, Function<CompiledDoccat, Part>> COMPILED = Map.of(
            BagOfWordsFeatureGenerator.class, WordForms::new,
            NGramFeatureGenerator.class, WordPairs::new,
            CharNGramFeatureGenerator.class, CharGrams::new,
            StemFeatureGenerator.class, Stems::of,
            ReadingFeatureGenerator.class, Readings::new);

    /**
     * Every feature's outcomes and weights, a block each: how many outcomes, then outcome (a small whole number),
     * weight, outcome, weight... A feature's id is where its block starts, so summing a feature reads one place.
     */
    private final double[] weights;
    private final Map<String, Integer> ids;
    /** Every token a feature of the model names on its own ("bow=knot" names "knot"), numbered. */
    private final Map<String, Integer> tokens;
    /** The tokens, by their number. */
    private final String[] tokenAt;
    private final int outcomes;
    private final double logPrior;
    private final List<Part> parts;

    private CompiledDoccat(GISModel model, List<Function<CompiledDoccat, Part>> parts) {
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) model.getDataStructures()[1];
        this.ids = new HashMap<>(predicates.size() * 2);
        int total = 0;
        for (Context context : predicates.values()) {
            total += 1 + 2 * context.getOutcomes().length;
        }
        this.weights = new double[total];
        int at = 0;
        for (var predicate : predicates.entrySet()) {
            int[] seen = predicate.getValue().getOutcomes();
            double[] given = predicate.getValue().getParameters();
            ids.put(predicate.getKey(), at);
            weights[at++] = seen.length;
            for (int j = 0; j < seen.length; j++) {
                weights[at++] = seen[j];
                weights[at++] = given[j];
            }
        }
        var named = new LinkedHashSet<String>();
        for (String feature : ids.keySet()) {
            for (String prefix : TOKEN_FEATURES) {
                if (feature.startsWith(prefix)) {
                    named.add(feature.substring(prefix.length()));
                }
            }
        }
        this.tokenAt = named.toArray(String[]::new);
        this.tokens = new HashMap<>(tokenAt.length * 2);
        for (int i = 0; i < tokenAt.length; i++) {
            tokens.put(tokenAt[i], i);
        }
        // As OpenNLP's UniformPrior: every outcome starts at log(1 / outcomes).
        this.outcomes = model.getNumOutcomes();
        this.logPrior = StrictMath.log(1.0 / outcomes);
        this.parts = parts.stream().map(part -> part.apply(this)).toList();
    }

    /**
     * The model compiled, or empty where it is not a GIS model, one of its generators is not one compiled here, or it
     * is too large for the tables of word pairs.
     */
    static Optional<CompiledDoccat> of(DoccatModel model) {
        if (!(model.getMaxentModel() instanceof GISModel gis) || !Pairs.fit(gis)) {
            return Optional.empty();
        }
        var parts = new ArrayList<Function<CompiledDoccat, Part>>();
        for (FeatureGenerator generator : model.getFactory().getFeatureGenerators()) {
            Function<CompiledDoccat, Part> part = COMPILED.get(generator.getClass());
            if (part == null) {
                return Optional.empty();
            }
            parts.add(part);
        }
        return Optional.of(new CompiledDoccat(gis, parts));
    }

    /** The probability of each outcome (in the model's order) for a message's words. */
    double[] categorize(String[] words) {
        int[] known = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            known[i] = token(words[i]);
        }
        var found = new Ids(words.length * 24);
        for (Part part : parts) {
            part.add(words, known, found);
        }
        double[] sums = new double[outcomes];
        Arrays.fill(sums, logPrior);
        for (int i = 0; i < found.size; i++) {
            int feature = found.ids[i];
            for (int j = feature + 1, end = j + 2 * (int) weights[feature]; j < end; j += 2) {
                sums[(int) weights[j]] += weights[j + 1];
            }
        }
        double normal = 0.0;
        for (int i = 0; i < sums.length; i++) {
            sums[i] = StrictMath.exp(sums[i]);
            normal += sums[i];
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= normal;
        }
        return sums;
    }

    /** The id of a feature, or {@code NONE} where the model has no such feature (OpenNLP skips it). */
    private int id(String feature) {
        Integer id = ids.get(feature);
        return id == null ? NONE : id;
    }

    /** The number of a token, or {@code NONE} where no feature names it on its own. */
    private int token(String token) {
        Integer number = tokens.get(token);
        return number == null ? NONE : number;
    }

    /** For each token, the id of the feature {@code prefix + token} ({@code NONE} where there is none). */
    private int[] perToken(String prefix) {
        int[] found = new int[tokenAt.length];
        for (int i = 0; i < tokenAt.length; i++) {
            found[i] = id(prefix + tokenAt[i]);
        }
        return found;
    }

    /**
     * For each word of the vocabulary (a token with a feature of its own form, {@link #FORM_FEATURES}), the ids of the
     * features a function makes of it, in its order, those the model has; null for any other token, whose features
     * are made when a message holds it.
     */
    private int[][] perWord(Function<String, List<String>> features) {
        int[][] found = new int[tokenAt.length][];
        for (int i = 0; i < tokenAt.length; i++) {
            String token = tokenAt[i];
            if (FORM_FEATURES.stream().anyMatch(form -> ids.containsKey(form + token))) {
                found[i] = ids(features.apply(tokenAt[i]));
            }
        }
        return found;
    }

    /** The ids of those of these features the model has, in their order. */
    private int[] ids(List<String> features) {
        return features.stream().mapToInt(this::id).filter(i -> i != NONE).toArray();
    }

    /** One generator compiled: adds the ids of the features it makes of the words, in the order it makes them. */
    private interface Part {
        /** @param known each word's token number, or {@code NONE} */
        void add(String[] words, int[] known, Ids found);
    }

    /** {@link BagOfWordsFeatureGenerator}: each word's form. */
    private record WordForms(int[] form) implements Part {
        WordForms(CompiledDoccat model) {
            this(model.perToken(BAG));
        }

        @Override
        public void add(String[] words, int[] known, Ids found) {
            for (int i = 0; i < words.length; i++) {
                // A word no feature names on its own has no BAG feature either.
                found.add(known[i] == NONE ? NONE : form[known[i]]);
            }
        }
    }

    /** {@link NGramFeatureGenerator} as OpenNLP re-creates it when a model loads: each pair of neighbouring words. */
    private record WordPairs(CompiledDoccat model, Pairs pairs) implements Part {
        WordPairs(CompiledDoccat model) {
            this(model, new Pairs(model, NGRAM, ':', model::token));
        }

        @Override
        public void add(String[] words, int[] known, Ids found) {
            for (int i = 0; i + 1 < words.length; i++) {
                found.add(known[i] != NONE && known[i + 1] != NONE ? pairs.id(known[i], known[i + 1])
                        : model.id(NGRAM + words[i] + ":" + words[i + 1]));
            }
        }
    }

    /** {@link CharNGramFeatureGenerator}: each word's character n-grams. */
    private record CharGrams(CompiledDoccat model, int[][] grams) implements Part {
        CharGrams(CompiledDoccat model) {
            this(model, model.perWord(CharNGramFeatureGenerator::ofWord));
        }

        @Override
        public void add(String[] words, int[] known, Ids found) {
            for (int i = 0; i < words.length; i++) {
                int[] own = known[i] != NONE ? grams[known[i]] : null;
                found.addAll(own != null ? own : model.ids(CharNGramFeatureGenerator.ofWord(words[i])));
            }
        }
    }

    /** {@link StemFeatureGenerator}: each word's stem, then the pair of it and the stem before. */
    private record Stems(CompiledDoccat model, String[] stemOf, int[] stemToken, int[] stem, Pairs pairs)
            implements Part {
        static Stems of(CompiledDoccat model) {
            String[] stemOf = Arrays.stream(model.tokenAt).map(Stemmer::stem).toArray(String[]::new);
            return new Stems(model, stemOf, Arrays.stream(stemOf).mapToInt(model::token).toArray(),
                    model.perToken(StemFeatureGenerator.STEM),
                    new Pairs(model, StemFeatureGenerator.PAIR, '_', model::token));
        }

        @Override
        public void add(String[] words, int[] known, Ids found) {
            String previous = null;
            int previousToken = NONE;
            for (int i = 0; i < words.length; i++) {
                String word = known[i] != NONE ? stemOf[known[i]] : Stemmer.stem(words[i]);
                int token = known[i] != NONE ? stemToken[known[i]] : model.token(word);
                found.add(token != NONE ? stem[token] : model.id(StemFeatureGenerator.STEM + word));
                if (previous != null) {
                    found.add(previousToken != NONE && token != NONE ? pairs.id(previousToken, token)
                            : model.id(StemFeatureGenerator.PAIR + previous + "_" + word));
                }
                previous = word;
                previousToken = token;
            }
        }
    }

    /** {@link ReadingFeatureGenerator}: its features of each word and word pair, each counted once. */
    private record Readings(CompiledDoccat model, int[] concept, int[] marked, int[][] plain, int start, Pairs pairs)
            implements Part {
        Readings(CompiledDoccat model) {
            this(model, startToken(model));
        }

        private Readings(CompiledDoccat model, int start) {
            this(model, model.perToken(ReadingFeatureGenerator.CONCEPT), model.perToken(ReadingFeatureGenerator.MARKED),
                    model.perWord(ReadingFeatureGenerator::plainWord), start, new Pairs(model,
                            ReadingFeatureGenerator.PAIR, '_',
                            first -> first.equals(ReadingFeatureGenerator.START) ? start : model.token(first)));
        }

        /** The number of the word before a message's first: its own, or one no token has. */
        private static int startToken(CompiledDoccat model) {
            int own = model.token(ReadingFeatureGenerator.START);
            return own != NONE ? own : model.tokenAt.length;
        }

        @Override
        public void add(String[] words, int[] known, Ids found) {
            // A table at most half full: a word has its form, 2 x letters - 1 grams (none without letters) and a pair,
            // so at most 2 x letters + 2 features; a marked word or a concept has one or two.
            int most = 0;
            for (String word : words) {
                most += 2 * word.length() + 2;
            }
            int[] once = new int[Integer.highestOneBit(Math.max(16, 2 * most)) * 2];
            Arrays.fill(once, NONE);
            String previous = ReadingFeatureGenerator.START;
            int previousToken = start;
            for (int i = 0; i < words.length; i++) {
                String word = words[i];
                int token = known[i];
                if (word.indexOf('\u00A7') >= 0) {
                    found.addOnce(token != NONE ? concept[token]
                            : model.id(ReadingFeatureGenerator.CONCEPT + word), once);
                    continue;
                }
                if (word.indexOf('|') >= 0) {
                    found.addOnce(token != NONE ? marked[token]
                            : model.id(ReadingFeatureGenerator.MARKED + word), once);
                } else {
                    int[] own = token != NONE ? plain[token] : null;
                    for (int id : own != null ? own : model.ids(ReadingFeatureGenerator.plainWord(word))) {
                        found.addOnce(id, once);
                    }
                }
                found.addOnce(previousToken != NONE && token != NONE ? pairs.id(previousToken, token)
                        : model.id(ReadingFeatureGenerator.PAIR + previous + "_" + word), once);
                previous = word;
                previousToken = token;
            }
        }
    }

    /**
     * The features that name a pair of tokens (prefix, first, separator, second), by the two tokens' numbers: an
     * open-addressing table whose every entry holds the pair and the feature's id in one long, so a lookup reads one
     * place. A feature is entered under every split of it into two numbered tokens, so a pair of numbered tokens finds
     * its feature exactly when the model has it, even where a token holds the separator.
     */
    private static final class Pairs {
        private static final int TOKEN_BITS = 20;
        private static final int ID_BITS = 24;
        private static final long ID_MASK = (1L << ID_BITS) - 1;
        /** An empty slot: its token fields are past any token's number. */
        private static final long EMPTY = -1L;
        private final long[] entries;

        /** @param first the number of a pair's first token, {@code NONE} where it has none */
        Pairs(CompiledDoccat model, String prefix, char separator, ToIntFunction<String> first) {
            var pairs = new Ids(16);
            model.ids.forEach((feature, id) -> {
                if (!feature.startsWith(prefix)) {
                    return;
                }
                for (int at = feature.indexOf(separator, prefix.length()); at >= 0;
                     at = feature.indexOf(separator, at + 1)) {
                    int one = first.applyAsInt(feature.substring(prefix.length(), at));
                    int two = one == NONE ? NONE : model.token(feature.substring(at + 1));
                    if (two != NONE) {
                        pairs.add(one);
                        pairs.add(two);
                        pairs.add(id);
                    }
                }
            });
            // At most half full. A pair names one feature, so none is entered twice.
            entries = new long[Integer.highestOneBit(Math.max(16, pairs.size * 2 / 3)) * 2];
            Arrays.fill(entries, EMPTY);
            for (int i = 0; i < pairs.size; i += 3) {
                long key = key(pairs.ids[i], pairs.ids[i + 1]);
                int slot = slot(key);
                while (entries[slot] != EMPTY) {
                    slot = (slot + 1) & (entries.length - 1);
                }
                entries[slot] = key | pairs.ids[i + 2];
            }
        }

        /**
         * Whether a model's token numbers and feature ids surely fit an entry, judged by its size alone: a feature
         * names at most one token and has at most every outcome. A model too large for it is read by OpenNLP instead.
         */
        static boolean fit(GISModel model) {
            long features = ((Map<?, ?>) model.getDataStructures()[1]).size();
            return features + 1 < (1 << TOKEN_BITS) - 1 && features * (1 + 2L * model.getNumOutcomes()) <= ID_MASK;
        }

        /** The id of the pair's feature, or {@code NONE}. */
        int id(int first, int second) {
            long key = key(first, second);
            for (int slot = slot(key); entries[slot] != EMPTY; slot = (slot + 1) & (entries.length - 1)) {
                if ((entries[slot] & ~ID_MASK) == key) {
                    return (int) (entries[slot] & ID_MASK);
                }
            }
            return NONE;
        }

        private int slot(long key) {
            return (int) (key * 0x9E3779B97F4A7C15L >>> 32) & (entries.length - 1);
        }

        private static long key(int first, int second) {
            return ((long) first << TOKEN_BITS | second) << ID_BITS;
        }
    }

    /** A growing list of feature ids; features the model does not have are left out, as OpenNLP skips them. */
    private static final class Ids {
        private int[] ids;
        private int size;

        Ids(int capacity) {
            ids = new int[Math.max(16, capacity)];
        }

        void add(int id) {
            if (id == NONE) {
                return;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void addAll(int[] more) {
            for (int id : more) {
                add(id);
            }
        }

        /** Adds an id not added before: what {@code once} (an open-addressing set, NONE where empty) has not seen. */
        void addOnce(int id, int[] once) {
            if (id == NONE) {
                return;
            }
            int slot = (id * 0x9E3779B9 >>> 1) & (once.length - 1);
            while (once[slot] != NONE) {
                if (once[slot] == id) {
                    return;
                }
                slot = (slot + 1) & (once.length - 1);
            }
            once[slot] = id;
            add(id);
        }
    }
}
