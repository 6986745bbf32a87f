package io.knotwise.nlu;

import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * An {@link IntentClassifier} backed by an OpenNLP document categorizer. Reads through the model {@link
 * CompiledDoccat compiled} (the same probabilities, faster), or for a model it cannot compile through a (cheap, not
 * thread-safe) categorizer made per call. Immutable and thread-safe.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {

    static {
        ExtensionLoader.registerAllowedPackage("io.knotwise.nlu");
    }

    private final DoccatModel model;
    private final CompiledDoccat compiled;
    private final List<String> categories;

    public OpenNlpIntentClassifier(DoccatModel model) {
        this.model = model;
        this.compiled = CompiledDoccat.of(model).orElse(null);
        MaxentModel outcomes = model.getMaxentModel();
        this.categories = IntStream.range(0, outcomes.getNumOutcomes()).mapToObj(outcomes::getOutcome).toList();
    }

    /** Loads a model written by {@link IntentTrainer}. */
    public static OpenNlpIntentClassifier load(Path file) {
        try {
            return new OpenNlpIntentClassifier(new DoccatModel(file));
        } catch (IOException | RuntimeException e) {
            throw new InvalidDataException(file + ": cannot load the intent model (" + e.getMessage()
                    + "); retrain it with `java -jar target/knotwise.jar train`", e);
        }
    }

    public DoccatModel model() {
        return model;
    }

    @Override
    public List<IntentScore> rank(String[] words) {
        double[] probabilities = compiled != null ? compiled.categorize(words)
                : new DocumentCategorizerME(model).categorize(words);
        var ranking = new ArrayList<IntentScore>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            ranking.add(new IntentScore(categories.get(i), probabilities[i]));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
    }

    /** The intents this model knows. */
    public List<String> intents() {
        return categories;
    }
}
