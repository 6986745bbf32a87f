package io.knotwise.nlu;

import io.knotwise.FileAccessException;
import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.InvalidFormatException;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * Trains the intent model from the examples in {@code models/}: words, word bigrams, stems and character n-grams, and
 * the entity classes the words name.
 */
public final class IntentTrainer {

    static {
        ExtensionLoader.registerAllowedPackage("io.knotwise.nlu");
    }

    private final NluSettings settings;
    private final EntityClasses classes;

    public IntentTrainer(NluSettings settings, EntityClasses classes) {
        this.settings = settings;
        this.classes = classes;
    }

    /** Trains a model in memory; the same examples always give the same {@code Training-Eventhash}. */
    public DoccatModel train(List<Example> examples) {
        var samples = examples.stream()
                .map(e -> new DocumentSample(e.intent(), classes.apply(TextNormalizer.words(e.text()))))
                .filter(s -> s.getText().length > 0)
                .toList();
        var params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        params.put(TrainingParameters.THREADS_PARAM, 1);
        params.put("PrintMessages", false);
        try {
            return DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples), params, factory());
        } catch (IOException e) {
            throw new InvalidDataException("training the intent model failed: " + e.getMessage(), e);
        }
    }

    static DoccatFactory factory() {
        try {
            return new DoccatFactory(new FeatureGenerator[] {
                new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(), new CharNGramFeatureGenerator(),
                new StemFeatureGenerator()});
        } catch (InvalidFormatException e) {
            throw new InvalidDataException("cannot build the feature generators: " + e.getMessage(), e);
        }
    }

    /** Trains on the examples and returns the classifier as the guide reads messages with it. */
    public IntentClassifier trainClassifier(List<Example> examples) {
        return asTheGuideReadsIt(new OpenNlpIntentClassifier(train(examples)), examples, classes);
    }

    /**
     * A model as the guide reads messages with it: a message that is word for word one of the training examples is
     * that example's intent; anything else goes to the model, with the entity classes the words name. A technique
     * named alone is always asked for, even where an author labelled it a question ("effleurage?"), so such examples
     * are left out of the lookup.
     */
    public static IntentClassifier asTheGuideReadsIt(OpenNlpIntentClassifier model, List<Example> examples,
                                                     EntityClasses classes) {
        List<Example> lookup = examples.stream()
                .filter(e -> !classes.namesOneAlone(TextNormalizer.words(e.text())))
                .toList();
        return KnownPhrases.of(lookup, classes.moveWords()).over(classes.over(model));
    }

    /** Trains from {@code models/} and writes {@code models/intent.bin}; returns the model. */
    public static DoccatModel trainAndWrite(Path models) {
        var loader = new NluDataLoader(models);
        DoccatModel model = new IntentTrainer(loader.settings(), loader.entityClasses()).train(loader.examples());
        try {
            model.serialize(loader.modelFile());
        } catch (IOException e) {
            throw new FileAccessException("cannot write " + loader.modelFile() + ": " + e.getMessage(), e);
        }
        return model;
    }

    /** The manifest's hash of the training events: equal for equal training data and settings. */
    public static String eventHash(DoccatModel model) {
        return model.getManifestProperty("Training-Eventhash");
    }
}
