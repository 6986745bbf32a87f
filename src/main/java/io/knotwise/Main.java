package io.knotwise;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.channel.http.HttpApi;
import io.knotwise.channel.rasa.RasaRestChannel;
import io.knotwise.channel.slack.SlackChannel;
import io.knotwise.channel.slack.SlackClient;
import io.knotwise.channel.slack.SlackSettings;
import io.knotwise.channel.telegram.TelegramChannel;
import io.knotwise.channel.telegram.TelegramClient;
import io.knotwise.channel.telegram.TelegramSettings;
import io.knotwise.channel.terminal.TerminalChat;
import io.knotwise.channel.whatsapp.WhatsAppChannel;
import io.knotwise.channel.whatsapp.WhatsAppSettings;
import io.knotwise.content.ContentLoader;
import io.knotwise.content.DialogValidator;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.monitoring.MeteredConversationStore;
import io.knotwise.monitoring.MeteredEvents;
import io.knotwise.nlu.EntityExtractor;
import io.knotwise.nlu.IntentTrainer;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.NluCommands;
import io.knotwise.nlu.NluDataLoader;
import io.knotwise.nlu.OpenNlpIntentClassifier;
import io.knotwise.nlu.RedFlagModelTrainer;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.SafetyCommands;
import io.knotwise.safety.SafetyEvaluation;
import io.knotwise.safety.SafetyReport;
import io.knotwise.safety.SafetySet;
import io.knotwise.safety.SecondOpinion;
import io.knotwise.store.MemoryConversationStore;
import io.knotwise.store.RedisConversationStore;
import io.knotwise.store.SqliteConversationStore;
import io.knotwise.store.Store;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The front door: wires everything with constructor calls. {@code serve} (the default) starts the guide, {@code train}
 * retrains the intent model, {@code validate} checks {@code dialogs/} and {@code models/}.
 */
public final class Main {

    public static final String SAFETY_CORPUS = "safety-corpus.yml";
    public static final String SAFETY_REPORT = "safety-report.md";
    public static final String SAFETY_REPORT_COMMAND = "java -jar target/knotwise.jar safety-report";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        Settings settings = Settings.from(System.getenv());
        try {
            switch (command) {
                case "serve" -> serve(settings);
                case "train" -> train(settings);
                case "safety-report" -> safetyReport(settings);
                case "safety-measure" -> safetyMeasure(settings, List.of(args).subList(1, args.length));
                case "safety-train" -> safetyTrain(settings);
                case "safety-explain" -> {
                    Guidebook book = ContentLoader.load(settings.dialogs());
                    var detector = detector(book, settings.models(), knownWords(new NluDataLoader(settings.models())));
                    for (String text : List.of(args).subList(1, args.length)) {
                        System.out.println(String.join(" ", detector.reading(text)));
                        System.out.println("  concepts kept: " + detector.groundingConcepts(text));
                        System.out.println("  second opinion: " + detector.opinion(text).stream().limit(3)
                                .map(s -> s.name() + String.format(Locale.ROOT, " %.2f", s.confidence())).toList());
                        System.out.println("  => " + detector.screen(text, false));
                    }
                }
                case "safety-calibrate" -> {
                    Guidebook book = ContentLoader.load(settings.dialogs());
                    var nluData = new NluDataLoader(settings.models());
                    System.out.print(SafetyCommands.calibrate(book.safety(), knownWords(nluData),
                            secondOpinion(settings.models()), SafetySet.loadFolder(
                                    settings.models().resolve(SafetyCommands.VALIDATION)), inDomainChat(nluData)));
                }
                case "chat" -> new TerminalChat(channelConversations(load(settings), settings),
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out).run();
                case "telegram-webhook" -> {
                    var telegram = TelegramSettings.from(System.getenv()).orElseThrow(() -> new KnotwiseException(
                            "set KNOTWISE_TELEGRAM_BOT_TOKEN and KNOTWISE_TELEGRAM_SECRET_TOKEN first"));
                    if (args.length < 2) {
                        throw new KnotwiseException("usage: java -jar knotwise.jar telegram-webhook https://host/webhooks/telegram");
                    }
                    new TelegramChannel(telegram, null, new TelegramClient(telegram), null).registerWebhook(args[1]);
                    System.out.println("webhook registered with Telegram for " + args[1]);
                }
                case "calibrate" -> {
                    var choice = NluCommands.calibrate(settings.models());
                    System.out.printf("threshold %.2f, margin %.2f: our in-domain accuracy %.1f%%, CLINC150"
                            + " out-of-scope recall %.1f%%; written to models/nlu.yml%n", choice.chosen().threshold(),
                            choice.chosen().margin(), 100 * choice.chosen().ownAccuracy(),
                            100 * choice.chosen().clincOosRecall());
                }
                case "intent-measure" -> System.out.print(NluCommands.measure(settings.models(), List.of(args)
                        .subList(1, args.length).stream().filter(a -> !a.startsWith("--")).map(Path::of).toList(),
                        List.of(args).contains("--misses")));
                case "intent-compare" -> System.out.print(NluCommands.compare(settings.models()));
                case "evaluate" -> {
                    var r = NluCommands.evaluate(settings.models(), "java -jar target/knotwise.jar evaluate");
                    System.out.printf("held-out in-domain accuracy %.1f%%; CLINC150 out-of-scope recall %.1f%%;"
                            + " training %.1f s; model %.2f MB; parse median %.0f us, p99 %.0f us; wrote"
                            + " models/REPORT.md%n", 100 * r.heldOut().inDomainAccuracy(), 100 * r.clinc().oosRecall(),
                            r.trainingSeconds(), r.modelBytes() / 1e6, r.parseMedianMicros(), r.parseP99Micros());
                }
                case "validate" -> {
                    load(settings);
                    System.out.println("dialogs and models are valid");
                }
                default -> {
                    System.err.println("usage: java -jar knotwise.jar [serve|chat|train|validate|calibrate|evaluate|safety-report|telegram-webhook URL]");
                    System.exit(2);
                }
            }
        } catch (InvalidDataException e) {
            e.problems().forEach(System.err::println);
            System.err.println("Knotwise refuses to start: fix the problems above.");
            System.exit(1);
        } catch (KnotwiseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static void train(Settings settings) {
        long start = System.nanoTime();
        var model = IntentTrainer.trainAndWrite(settings.models());
        var examples = new NluDataLoader(settings.models()).examples();
        System.out.printf("trained on %d examples of %d intents in %.1f s; wrote %s (event hash %s)%n",
                examples.size(), new OpenNlpIntentClassifier(model).intents().size(),
                (System.nanoTime() - start) / 1e9, settings.models().resolve(NluDataLoader.MODEL_FILE),
                IntentTrainer.eventHash(model));
    }

    /** Evaluates the red-flag screen on everything it is measured on and writes the report. */
    private static void safetyReport(Settings settings) {
        var inputs = safetyReportInputs(settings.dialogs(), settings.models());
        Path report = settings.dialogs().resolve(SAFETY_REPORT);
        try {
            Files.writeString(report, SafetyReport.markdown(inputs));
        } catch (IOException e) {
            throw new KnotwiseException("cannot write " + report + ": " + e.getMessage(), e);
        }
        System.out.printf("frozen test: recall %.1f%%, false alarms %.2f%%; fitted corpus: recall %d/%d, false alarms"
                        + " %d/%d; wrote %s%n", 100 * inputs.frozen().recall().rate(),
                100 * inputs.frozen().falseAlarmRate(), inputs.fitted().recall().hits(),
                inputs.fitted().recall().total(), inputs.fitted().falseAlarms(), inputs.fitted().harmlessCases(),
                report);
    }

    /** What the safety report shows, measured now on the screen as the guide runs it. */
    public static SafetyReport.Inputs safetyReportInputs(Path dialogs, Path models) {
        Guidebook book = ContentLoader.load(dialogs);
        var nluData = new NluDataLoader(models);
        Set<String> words = knownWords(nluData);
        var evaluation = new SafetyEvaluation(detector(book, models, words), book.safety());
        var rules = book.safety().withSecondOpinion(SecondOpinion.never());
        var rulesAlone = new SafetyEvaluation(new RedFlagDetector(rules, words, null), rules);
        var frozen = SafetySet.loadFolder(models.resolve(SafetyCommands.TEST)).corpus();
        var validation = SafetySet.loadFolder(models.resolve(SafetyCommands.VALIDATION)).corpus();
        return new SafetyReport.Inputs(
                evaluation.evaluate(ContentLoader.loadCorpus(dialogs.resolve(SAFETY_CORPUS))),
                evaluation.evaluate(frozen),
                evaluation.evaluate(validation),
                evaluation.evaluate(inDomainChat(nluData).corpus()),
                rulesAlone.evaluate(frozen),
                rulesAlone.evaluate(validation),
                SafetySet.table(models.resolve(SafetyCommands.FIRST_MEASUREMENTS)), SAFETY_REPORT_COMMAND);
    }

    /** The held-out in-domain chat (never trained on), as harmless lines: no red flag should be raised on them. */
    private static SafetySet inDomainChat(NluDataLoader nluData) {
        return new SafetySet(Stream.of("test", "validation").flatMap(split -> nluData.heldOut(split).stream())
                .filter(e -> !e.intent().equals(Understanding.OUT_OF_SCOPE))
                .map(e -> new SafetySet.Line(SafetySet.NONE, SafetySet.NONE, "chat", e.text(), e.file()))
                .toList());
    }

    /**
     * Measures the red-flag screen as it is on labelled sets ({@code .tsv} files or folders of them) and prints the
     * figures; with {@code --misses} it also prints what was missed or wrongly raised (never use that on the frozen
     * test: its lines must not be looked at while tuning).
     */
    private static void safetyMeasure(Settings settings, List<String> args) {
        boolean misses = args.contains("--misses");
        var files = args.stream().filter(a -> !a.startsWith("--")).map(Path::of).toList();
        var set = new SafetySet(files.stream().flatMap(f -> (Files.isDirectory(f) ? SafetySet.loadFolder(f)
                : SafetySet.load(List.of(f))).lines().stream()).toList());
        Guidebook book = ContentLoader.load(settings.dialogs());
        var detector = detector(book, settings.models(), knownWords(new NluDataLoader(settings.models())));
        var result = new SafetyEvaluation(detector, book.safety()).evaluate(set.corpus());
        System.out.print(SafetyReport.summary(result, misses));
    }

    /** Trains the red-flag screen's second opinion on the training split and the dialogs' corpus. */
    private static void safetyTrain(Settings settings) {
        long start = System.nanoTime();
        var samples = safetySamples(settings.dialogs(), settings.models());
        Path file = settings.models().resolve(SafetyCommands.MODEL);
        var model = RedFlagModelTrainer.trainAndWrite(samples, file);
        Path fingerprint = settings.models().resolve(SafetyCommands.FINGERPRINT);
        try {
            Files.writeString(fingerprint, SafetyCommands.fingerprint(samples) + "\n");
        } catch (IOException e) {
            throw new KnotwiseException("cannot write " + fingerprint + ": " + e.getMessage(), e);
        }
        System.out.printf("trained on %d messages in %.1f s; wrote %s (event hash %s)%n", samples.size(),
                (System.nanoTime() - start) / 1e9, file, IntentTrainer.eventHash(model));
    }

    /** The second opinion's training samples, read by the rules of {@code dialogs/} as at run time. */
    public static List<RedFlagModelTrainer.Sample> safetySamples(Path dialogs, Path models) {
        Guidebook book = ContentLoader.load(dialogs);
        var nluData = new NluDataLoader(models);
        var reader = new RedFlagDetector(book.safety(), knownWords(nluData));
        return SafetyCommands.samples(reader, book.safety(), SafetySet.loadFolder(models.resolve(SafetyCommands.TRAIN)),
                ContentLoader.loadCorpus(dialogs.resolve(SAFETY_CORPUS)),
                SafetyCommands.chat(models));
    }

    /** The red-flag screen as the guide runs it: the rules, and the second opinion when its model is there. */
    public static RedFlagDetector detector(Guidebook book, Path models, Set<String> knownWords) {
        return new RedFlagDetector(book.safety(), knownWords, secondOpinion(models));
    }

    private static OpenNlpIntentClassifier secondOpinion(Path models) {
        Path file = models.resolve(SafetyCommands.MODEL);
        return Files.exists(file) ? OpenNlpIntentClassifier.load(file) : null;
    }

    /** Everything the guide needs, loaded and validated; throws with every problem found. */
    public static Wiring load(Settings settings) {
        // The model and the word lists load on another core while the dialogs load here: start-up is mostly a cold
        // JVM reading files, and it halves.
        var nluData = new NluDataLoader(settings.models());
        var model = CompletableFuture.supplyAsync(() -> OpenNlpIntentClassifier.load(nluData.modelFile()));
        var classifier = model.thenApply(nluData::intentClassifier);
        var knownWords = CompletableFuture.supplyAsync(() -> knownWords(nluData));
        var secondOpinion = CompletableFuture.supplyAsync(() -> secondOpinion(settings.models()));
        // Opening the store (SQLite loads its native library, then reads the file) needs none of the above.
        var opened = CompletableFuture.supplyAsync(() -> openStore(settings));
        var entities = knownWords.thenApply(words ->
                new EntityExtractor(nluData.lexicon(), nluData.patterns(), words));
        Guidebook book = ContentLoader.load(settings.dialogs());
        var detector = new RedFlagDetector(book.safety(), await(knownWords), await(secondOpinion));
        List<String> problems = new DialogValidator(await(model).intents(), Engine.RESPONSES, Engine.INTENTS,
                Engine.SLOTS,
                nluData.lexicon())
                .validate(book);
        if (!problems.isEmpty()) {
            opened.thenAccept(Store::close);
            throw new InvalidDataException(problems);
        }
        var parser = new MessageParser(await(classifier), await(entities),
                nluData.settings().threshold(), nluData.settings().margin());
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Store store = new MeteredConversationStore(await(opened), metrics);
        var engine = new Engine(book, parser, detector, store, Clock.systemUTC(), settings.emergencyNumber(),
                settings.defaultLocale(), new MeteredEvents(metrics), settings.auditText(), settings.transcriptCap());
        return new Wiring(book, engine, store, metrics);
    }

    /** The value of a loading step, its own exception (such as a {@link KnotwiseException}) rethrown as it was. */
    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The store the settings name; throws when it cannot be opened. */
    public static Store openStore(Settings settings) {
        String store = settings.store();
        if (store.equals("memory")) {
            return new MemoryConversationStore(settings.conversationIdle(), settings.maxConversations());
        }
        if (store.startsWith("sqlite:")) {
            return new SqliteConversationStore(Path.of(store.substring("sqlite:".length())),
                    settings.conversationIdle(), settings.maxConversations(), Clock.systemUTC());
        }
        if (store.startsWith("redis://") || store.startsWith("rediss://")) {
            return new RedisConversationStore(store, settings.conversationIdle(), settings.storeTimeout());
        }
        throw new KnotwiseException("KNOTWISE_STORE must be memory, sqlite:FILE or redis://HOST:PORT, was '"
                + store + "'");
    }

    /**
     * Real English words, never taken for a misspelling. Deliberately not the training vocabulary: it holds typos
     * on purpose ("tenis"), which must stay correctable.
     */
    public static Set<String> knownWords(NluDataLoader nluData) {
        return nluData.englishWords();
    }

    /** The HTTP app over a loaded guide, with no messaging channel, not yet started. */
    public static Javalin app(Wiring wiring, Settings settings) {
        return app(wiring, settings, List.of());
    }

    /** The HTTP app over a loaded guide with the given messaging channels, not yet started. */
    public static Javalin app(Wiring wiring, Settings settings, List<Consumer<RoutesConfig>> channels) {
        return new HttpApi(wiring.engine(), wiring.book(), settings, wiring.metrics(), channels).create();
    }

    /** The messaging channels switched on by the environment; each is off unless configured. */
    private static List<Consumer<RoutesConfig>> channels(Wiring wiring, Settings settings, Map<String, String> env) {
        var conversations = channelConversations(wiring, settings);
        var on = new LinkedHashMap<String, Consumer<RoutesConfig>>();
        if (Boolean.parseBoolean(env.getOrDefault("KNOTWISE_REST_CHANNEL", "false"))) {
            on.put("Rasa REST", new RasaRestChannel(conversations)::routes);
        }
        TelegramSettings.from(env).ifPresent(telegram -> on.put("Telegram", new TelegramChannel(telegram,
                conversations, new TelegramClient(telegram), Executors.newFixedThreadPool(2))::routes));
        WhatsAppSettings.from(env).ifPresent(whatsApp -> on.put("WhatsApp", new WhatsAppChannel(whatsApp,
                conversations, Executors.newFixedThreadPool(2))::routes));
        // One worker keeps each Slack user's messages in order.
        SlackSettings.from(env).ifPresent(slack -> on.put("Slack", new SlackChannel(slack, conversations,
                new SlackClient(slack), Executors.newSingleThreadExecutor(), Clock.systemUTC())::routes));
        LoggerFactory.getLogger(Main.class).info("messaging channels on: {}",
                on.isEmpty() ? "none (the web API and widget only)" : String.join(", ", on.keySet()));
        return List.copyOf(on.values());
    }

    /** Channel users mapped to conversations of the loaded guide, in its store. */
    public static ChannelConversations channelConversations(Wiring wiring, Settings settings) {
        return new ChannelConversations(wiring.engine(), wiring.store(), settings.defaultLocale(),
                channel -> wiring.metrics().counter("knotwise.channel.replies_failed", "channel", channel).increment(),
                new ChatTimers(), new ChannelConversations.Limits(settings.maxTextLength(),
                settings.conversationRateLimitPerMinute()));
    }

    private static void serve(Settings settings) {
        Wiring wiring = load(settings);
        Javalin app = app(wiring, settings, channels(wiring, settings, System.getenv()))
                .start(settings.host(), settings.port());
        System.out.printf("Knotwise is listening on http://%s:%d%n",
                settings.host().equals("0.0.0.0") ? "localhost" : settings.host(), app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            wiring.store().close();
        }));
    }

    /**
     * The loaded guide: its content, its engine, the store that keeps its conversations and channel links, and its
     * metrics.
     */
    public record Wiring(Guidebook book, Engine engine, Store store, PrometheusMeterRegistry metrics) {
    }

}
