package io.knotwise.engine;

import io.knotwise.content.ContentLoader;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentClassifier;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.Understanding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine tests' content: the small fixture in {@code src/test/resources/fixtures/engine/} (its README says what
 * it holds), never the shipped {@code dialogs/}, so a wording or a technique changed there breaks no engine test.
 * Each call loads afresh; what it returns is immutable.
 */
final class Fixtures {

    /** The fixture's dialogs and, beside them, its entity lexicon and number patterns. */
    private static final Path ROOT = Path.of("src/test/resources/fixtures/engine");

    private Fixtures() {
    }

    /** The fixture's dialogs, as {@code dialogs/} is loaded at start-up. */
    static Guidebook dialogs() {
        return ContentLoader.load(ROOT.resolve("dialogs"));
    }

    /** A parser reading entities with the fixture's lexicon and intents with the given stand-in for the model. */
    static MessageParser parser(IntentClassifier classifier) {
        return new MessageParser(classifier, entities(), 0.5, 0.2);
    }

    /** Entities read with the fixture's lexicon and number patterns. */
    static EntityExtractor entities() {
        return new EntityExtractor(lexicon(), models().patterns());
    }

    /** The fixture's entity lexicon, which the validator checks against its dialogs. */
    static Map<String, Map<String, List<String>>> lexicon() {
        return models().lexicon();
    }

    /** The intents the fixture's stand-in for the model knows: every intent it gives a title, and out of scope. */
    static List<String> intents(Guidebook book) {
        var intents = new ArrayList<>(book.intentTitles().keySet());
        intents.add(Understanding.OUT_OF_SCOPE);
        return List.copyOf(intents);
    }

    private static NluDataLoader models() {
        return new NluDataLoader(ROOT.resolve("models"));
    }
}
