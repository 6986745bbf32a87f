package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;

/**
 * A maxent document categorizer compiled for reading many short messages: the same probabilities as OpenNLP's {@code
 * DocumentCategorizerME}, bit for bit, with less work per message. OpenNLP builds every feature of a message as a
 * string ("cng=_kno", "bow=knot") and looks each up in the model's map; here each word the model was trained on has
 * the ids of its own features (its form, its character n-grams, its stem) looked up once, when the model loads, and
 * only the features of word pairs and of unknown words are looked up per message. The features are summed in
 * OpenNLP's order, so the floating-point result is the same. In one process this reads about a third faster; under
 * HTTP load the memory reads of the sums set the pace and the gain does not show (docs/BENCHMARKS.md). Compiles the
 * generators this project trains with ({@link IntentTrainer}, {@link RedFlagModelTrainer}); {@link #of} is empty for
 * any other model. Immutable and thread-safe.
 */
final class CompiledDoccat {

    private static final int NONE = -1;
    /** The generators compiled here, by their exact class (a subclass may make other features). */
    private static final Map<Class<?>, Function<CompiledDoccat, Part>> COMPILED = Map.of(
            BagOfWordsFeatureGenerator.class, WordForms::new,
            NGramFeatureGenerator.class, WordPairs::new,
            CharNGramFeatureGenerator.class, CharGrams::new,
            StemFeatureGenerator.class, Stems::new,
            ReadingFeatureGenerator.class, Readings::new);

    private final Context[] parameters;
    private final Map<String, Integer> ids;
    /** The words the model has a feature of their own form for ("bow=knot", "w=knot"): what it was trained on. */
    private final Set<String> vocabulary;
    private final int outcomes;
    private final double logPrior;
    private final List<Part> parts;

    private CompiledDoccat(GISModel model, List<Function<CompiledDoccat, Part>> parts) {
        Object[] data = model.getDataStructures();
        this.parameters = (Context[]) data[0];
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) data[1];
        var index = new IdentityHashMap<Context, Integer>(parameters.length * 2);
        for (int i = 0; i < parameters.length; i++) {
            index.put(parameters[i], i);
        }
        this.ids = new HashMap<>(predicates.size() * 2);
        predicates.forEach((feature, context) -> ids.put(feature, index.get(context)));
        this.vocabulary = ids.keySet().stream().filter(f -> f.startsWith("bow=") || f.startsWith("w="))
                .map(f -> f.substring(f.indexOf('=') + 1)).collect(Collectors.toSet());
        // As OpenNLP's UniformPrior: every outcome starts at log(1 / outcomes).
        this.outcomes = model.getNumOutcomes();
        this.logPrior = StrictMath.log(1.0 / outcomes);
        this.parts = parts.stream().map(part -> part.apply(this)).toList();
    }

    /** The model compiled, or empty where it is not a GIS model or one of its generators is not one compiled here. */
    static Optional<CompiledDoccat> of(DoccatModel model) {
        if (!(model.getMaxentModel() instanceof GISModel gis)) {
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
        var found = new Ids(words.length * 24);
        for (Part part : parts) {
            part.add(words, found);
        }
        double[] sums = new double[outcomes];
        Arrays.fill(sums, logPrior);
        for (int i = 0; i < found.size; i++) {
            Context context = parameters[found.ids[i]];
            int[] seen = context.getOutcomes();
            double[] weights = context.getParameters();
            for (int j = 0; j < seen.length; j++) {
                sums[seen[j]] += weights[j];
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

    /** The ids of a word's own features, looked up when the model loads for each word of its vocabulary. */
    private Function<String, int[]> perWord(Function<String, List<String>> features) {
        Map<String, int[]> known = new HashMap<>();
        Function<String, int[]> lookUp = word -> features.apply(word).stream().mapToInt(this::id)
                .filter(i -> i != NONE).toArray();
        for (String word : vocabulary) {
            known.put(word, lookUp.apply(word));
        }
        return word -> {
            int[] found = known.get(word);
            return found != null ? found : lookUp.apply(word);
        };
    }

    /** One generator compiled: adds the ids of the features it makes of the words, in the order it makes them. */
    private interface Part {
        void add(String[] words, Ids found);
    }

    /** {@link BagOfWordsFeatureGenerator}: each word's form. */
    private record WordForms(CompiledDoccat model) implements Part {
        @Override
        public void add(String[] words, Ids found) {
            for (String word : words) {
                found.add(model.id("bow=" + word));
            }
        }
    }

    /** {@link NGramFeatureGenerator} as OpenNLP re-creates it when a model loads: each pair of neighbouring words. */
    private record WordPairs(CompiledDoccat model) implements Part {
        @Override
        public void add(String[] words, Ids found) {
            for (int i = 0; i + 1 < words.length; i++) {
                found.add(model.id("ng=:" + words[i] + ":" + words[i + 1]));
            }
        }
    }

    /** {@link CharNGramFeatureGenerator}: each word's character n-grams. */
    private record CharGrams(Function<String, int[]> grams) implements Part {
        CharGrams(CompiledDoccat model) {
            this(model.perWord(word -> CharNGramFeatureGenerator.grams("cng=", word)));
        }

        @Override
        public void add(String[] words, Ids found) {
            for (String word : words) {
                found.addAll(grams.apply(word));
            }
        }
    }

    /** {@link StemFeatureGenerator}: each word's stem, then the pair of it and the stem before. */
    private record Stems(CompiledDoccat model, Map<String, String> known) implements Part {
        Stems(CompiledDoccat model) {
            this(model, model.vocabulary.stream().collect(Collectors.toMap(w -> w, Stemmer::stem)));
        }

        @Override
        public void add(String[] words, Ids found) {
            String previous = null;
            for (String word : words) {
                String stem = known.get(word);
                stem = stem != null ? stem : Stemmer.stem(word);
                found.add(model.id("stem=" + stem));
                if (previous != null) {
                    found.add(model.id("stem2=" + previous + "_" + stem));
                }
                previous = stem;
            }
        }
    }

    /** {@link ReadingFeatureGenerator}: its features of each word and word pair, each counted once. */
    private record Readings(CompiledDoccat model, Function<String, int[]> plain) implements Part {
        Readings(CompiledDoccat model) {
            this(model, model.perWord(ReadingFeatureGenerator::plainWord));
        }

        @Override
        public void add(String[] words, Ids found) {
            // A table at most half full: a word has its form, 2 x letters - 1 grams (none without letters) and a pair,
            // so at most 2 x letters + 2 features; a marked word or a concept has one or two.
            int most = 0;
            for (String word : words) {
                most += 2 * word.length() + 2;
            }
            int[] once = new int[Integer.highestOneBit(Math.max(16, 2 * most)) * 2];
            Arrays.fill(once, NONE);
            String previous = "^";
            for (String word : words) {
                if (word.indexOf('\u00A7') >= 0) {
                    found.addOnce(model.id("k=" + word), once);
                    continue;
                }
                if (word.indexOf('|') >= 0) {
                    found.addOnce(model.id("m=" + word), once);
                } else {
                    for (int id : plain.apply(word)) {
                        found.addOnce(id, once);
                    }
                }
                found.addOnce(model.id("b=" + previous + "_" + word), once);
                previous = word;
            }
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
