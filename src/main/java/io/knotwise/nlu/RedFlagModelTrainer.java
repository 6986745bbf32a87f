package io.knotwise.nlu;

import io.knotwise.FileAccessException;
import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * Trains the red-flag screen's learned second opinion: an OpenNLP maxent model over messages as the screen reads them
 * (ConText-marked words, see {@link ReadingFeatureGenerator}), labelled with a category, {@code category:tier} or
 * {@code none}. Loaded and ranked like the intent model, by {@link OpenNlpIntentClassifier}.
 */
public final class RedFlagModelTrainer {

    static {
        ExtensionLoader.registerAllowedPackage("io.knotwise.nlu");
    }

    /**
     * Maxent (GIS) iterations: 150 scored better on validation than 60, 100, 300 or 600; L-BFGS with L1/L2, naive
     * Bayes and the perceptron all scored worse (2026-12-04, round 6 corpus).
     */
    private static final int ITERATIONS = 150;
    private static final int CUTOFF = 1;

    /** One labelled message, already read into words. */
    public record Sample(String label, String[] words) {
    }

    private RedFlagModelTrainer() {
    }

    /** Trains a model in memory; the same samples always give the same {@code Training-Eventhash}. */
    public static DoccatModel train(List<Sample> samples) {
        var documents = samples.stream().filter(s -> s.words().length > 0)
                .map(s -> new DocumentSample(s.label(), s.words()))
                .toList();
        var params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        params.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        params.put(TrainingParameters.THREADS_PARAM, 1);
        params.put("PrintMessages", false);
        try {
            return DocumentCategorizerME.train("en", new CollectionObjectStream<>(documents), params,
                    new DoccatFactory(new FeatureGenerator[] {new ReadingFeatureGenerator()}));
        } catch (InvalidFormatException e) {
            throw new InvalidDataException("cannot build the feature generators: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidDataException("training the red-flag model failed: " + e.getMessage(), e);
        }
    }

    /** Trains and writes the model file; returns the model. */
    public static DoccatModel trainAndWrite(List<Sample> samples, Path file) {
        DoccatModel model = train(samples);
        try {
            model.serialize(file);
        } catch (IOException e) {
            throw new FileAccessException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return model;
    }
}
