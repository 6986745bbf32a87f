package io.knotwise;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.channel.http.HttpApi;
import io.knotwise.content.ContentLoader;
import io.knotwise.content.DialogValidator;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Models;
import io.knotwise.monitoring.MeteredConversationStore;
import io.knotwise.monitoring.MeteredEvents;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.Example;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.OpenNlpIntentClassifier;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.SafetyCommands;
import io.knotwise.store.Store;
import io.knotwise.store.Stores;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The loaded guide, wired with constructor calls: its content, its engine, the store that keeps its conversations and
 * channel links, its metrics, and the texts of its intent examples (what {@link #warmUp} reads). {@link #load} is the
 * one way to build it and {@link #app} the one way to serve it.
 */
public record Guide(Guidebook book, Engine engine, Store store, PrometheusMeterRegistry metrics,
                    List<String> exampleTexts) {

    /** Everything the guide needs, loaded and validated; throws with every problem found. */
    public static Guide load(Settings settings) {
        Guide guide = loading(settings);
        try {
            guide.engine().models().await();
        } catch (RuntimeException e) {
            guide.store().close();
            throw e;
        }
        return guide;
    }

    /**
     * The guide with its content validated and its store open, and its models (the intent model, the word lists,
     * the red-flag screen and its second opinion) loaded on other threads once asked for ({@link Models#load}, or the
     * first message): it can greet at once, and a message waits for them. Start-up is mostly a cold JVM reading
     * files, and a greeting needs only the dialogs. Throws with every problem the content has.
     */
    public static Guide loading(Settings settings) {
        var nluData = new NluDataLoader(settings.content().models());
        // Opening the store (SQLite loads its native library, then reads the file) needs nothing else.
        var opened = CompletableFuture.supplyAsync(() -> Stores.open(settings.conversations()));
        // The dialogs first, on their own: on two cores, models loading beside them slow the greeting down.
        Guidebook book = ContentLoader.load(settings.content().dialogs());
        var examples = nluData.examples();
        var intents = NluDataLoader.intentsOf(examples);
        var lexicon = nluData.lexicon();
        List<String> problems = new DialogValidator(intents, Engine.RESPONSES, Engine.INTENTS, Engine.SLOTS, lexicon)
                .validate(book);
        if (!problems.isEmpty()) {
            opened.thenAccept(Store::close);
            throw new InvalidDataException(problems);
        }
        // The models load when asked for: by the server once it listens, or by the first message, whichever is first.
        var asked = new CompletableFuture<Void>();
        var model = asked.thenApplyAsync(go -> trainedOn(OpenNlpIntentClassifier.load(nluData.modelFile()), intents,
                nluData.modelFile()));
        var knownWords = asked.thenApplyAsync(go -> knownWords(nluData));
        var secondOpinion = asked.thenApplyAsync(go -> secondOpinion(settings.content().models()));
        var entities = knownWords.thenApply(words -> new EntityExtractor(lexicon, nluData.patterns(), words));
        var classifier = model.thenApply(trained -> nluData.intentClassifier(trained, examples));
        var parser = classifier.thenCombine(entities, (reader, extractor) -> new MessageParser(reader, extractor,
                nluData.settings().threshold(), nluData.settings().margin()));
        var detector = knownWords.thenCombine(secondOpinion, (words, opinion) ->
                new RedFlagDetector(book.safety(), words, opinion));
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Store store = new MeteredConversationStore(Models.joined(opened), metrics);
        var engine = new Engine(book, new Models(parser, detector, asked), store, Clock.systemUTC(),
                settings.safety().emergencyNumber(), settings.conversations().defaultLocale(),
                new MeteredEvents(metrics), settings.safety().auditText(), settings.conversations().transcriptCap());
        return new Guide(book, engine, store, metrics, examples.stream().map(Example::text).toList());
    }

    /** {@link Engine#warmUp} on this guide's intent examples: the reading path compiled before traffic. */
    public void warmUp(int reads) {
        engine.warmUp(() -> exampleTexts, reads);
    }

    /** The model, if it knows exactly the intents of the examples the dialogs were checked against. */
    private static OpenNlpIntentClassifier trainedOn(OpenNlpIntentClassifier model, Set<String> intents, Path file) {
        if (!Set.copyOf(model.intents()).equals(intents)) {
            throw new InvalidDataException(file + ": trained on other intents than models/intents/ holds ("
                    + new TreeSet<>(model.intents()) + " against " + intents + "): retrain with `train`");
        }
        return model;
    }

    /** The HTTP app over this guide, with no messaging channel, not yet started. */
    public Javalin app(Settings settings) {
        return app(settings, List.of());
    }

    /** The HTTP app over this guide with the given messaging channels, not yet started. */
    public Javalin app(Settings settings, List<Consumer<RoutesConfig>> channels) {
        return new HttpApi(engine, book, settings, metrics, channels).create();
    }

    /** Channel users mapped to conversations of this guide, in its store. */
    public ChannelConversations channelConversations(Settings settings) {
        return new ChannelConversations(engine, store, settings.conversations().defaultLocale(),
                channel -> metrics.counter("knotwise.channel.replies_failed", "channel", channel).increment(),
                new ChatTimers(), new ChannelConversations.Limits(settings.conversations().maxTextLength(),
                settings.limits().perConversationPerMinute()));
    }

    /** The red-flag screen as the guide runs it: the rules, and the second opinion when its model is there. */
    public static RedFlagDetector detector(Guidebook book, Path models, Set<String> knownWords) {
        return new RedFlagDetector(book.safety(), knownWords, secondOpinion(models));
    }

    /** The second opinion's model, or null when there is none. */
    public static OpenNlpIntentClassifier secondOpinion(Path models) {
        Path file = models.resolve(SafetyCommands.MODEL);
        return Files.exists(file) ? OpenNlpIntentClassifier.load(file) : null;
    }

    /**
     * Real English words, never taken for a misspelling. Deliberately not the training vocabulary: it holds typos
     * on purpose ("tenis"), which must stay correctable.
     */
    public static Set<String> knownWords(NluDataLoader nluData) {
        return nluData.englishWords();
    }
}
