package io.knotwise.engine;

import io.knotwise.NotFoundException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.content.Guidebook;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlag;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The conversation engine, plain Java and thread-safe: a message is screened ({@link Safeguard}), then moves through
 * the graph ({@link Navigator}); {@link Reader} reads it, {@link TurnMaker} works the turn out and saves it,
 * {@link Turns} keeps a conversation's turns in order, {@link StorelessAdvice} advises while the store is down.
 */
public final class Engine {

    /** The keys of {@code responses.yml} the engine itself says; the validator checks that each exists. */
    public static final List<String> RESPONSES = ResponseKeys.ALL;
    /** The intents the engine branches on; the validator checks the model knows each. */
    public static final List<String> INTENTS = Intents.ALL;
    /** The slots an {@code ask} node may ask for. */
    public static final Set<String> SLOTS = Slots.ASKABLE;
    /** How many transcript entries a conversation keeps unless told otherwise: a long session's worth. */
    public static final int DEFAULT_TRANSCRIPT_CAP = 400;

    private final Models models;
    private final String defaultLocale;
    private final EngineEvents events;
    private final BiFunction<ConversationStore, EngineEvents, Engine> rebuilt;
    private final Navigator navigator;
    private final Reader reader;
    private final Turns turns;
    private final TurnMaker maker;
    private final StorelessAdvice storeless;
    private volatile boolean warmingUp;

    /**
     * @param defaultLocale the locale of advice given while the store (and the conversation's locale) is unreachable
     * @param events where every raised red flag and every answered turn is reported
     * @param auditText whether the audit records the message text as well (off by default: it is health data)
     * @param transcriptCap how many transcript entries a conversation keeps; the oldest leave first
     */
    public Engine(Guidebook book, Models models, ConversationStore store, Clock clock, String emergencyNumberOverride,
                  String defaultLocale, EngineEvents events, boolean auditText, int transcriptCap) {
        this.models = models;
        this.defaultLocale = defaultLocale;
        this.events = events;
        this.rebuilt = (other, reported) -> new Engine(book, models, other, clock, emergencyNumberOverride,
                defaultLocale, reported, auditText, transcriptCap);
        this.navigator = new Navigator(book, new Recommender(book.techniques(), book.safety()),
                text -> models.detector().denied(text), text -> models.detector().readAnswer(text),
                emergencyNumberOverride, auditText);
        this.reader = new Reader(models, book);
        this.turns = new Turns(store);
        this.maker = new TurnMaker(book.graph(), models, navigator, reader, store, clock, events, transcriptCap);
        this.storeless = new StorelessAdvice(book.graph(), navigator, models, clock, events);
    }

    /** An engine like this one (same content, models and settings) that keeps its conversations in another store. */
    public Engine withStore(ConversationStore other) {
        return rebuilt.apply(other, events);
    }

    /** An engine like this one over another store, reporting to other events (a fresh guide for each test). */
    public Engine with(ConversationStore other, EngineEvents reported) {
        return rebuilt.apply(other, reported);
    }

    /** Starts a conversation and returns its greeting. */
    public Turn start(String locale) {
        return Turns.join(startAsync(locale));
    }

    /** {@link #start}, answered once the new conversation is saved (the calling thread is free meanwhile). */
    public CompletableFuture<Turn> startAsync(String locale) {
        return maker.start(locale);
    }

    /**
     * Takes one message in a conversation ({@link NotFoundException} for an unknown or expired id). A failed turn
     * changes nothing; with the store unreachable, the {@link StoreUnavailableException} carries the advice for an
     * emergency or urgent flag, and the message is taken before the conversation's next one.
     */
    public Turn handle(String conversationId, Input input) {
        return Turns.join(handleAsync(conversationId, input));
    }

    /**
     * {@link #handle}, answered once the turn is saved: the calling thread works the turn out and is then free while
     * the store syncs it (unless a turn of the same conversation is still in flight: then it is worked out after it).
     */
    public CompletableFuture<Turn> handleAsync(String conversationId, Input input) {
        Understanding understanding = reader.understand(input);
        CompletableFuture<Turn> turn;
        try {
            // A message kept while the store was down is taken first (seldom: waited for here).
            storeless.kept(conversationId).filter(kept -> !kept.equals(input)).ifPresent(kept -> Turns.join(
                    turns.take(conversationId, stored -> maker.take(stored, kept, reader.understand(kept)))));
            storeless.forget(conversationId);
            turn = turns.take(conversationId, stored -> maker.take(stored, input, understanding));
        } catch (RuntimeException e) {
            turn = CompletableFuture.failedFuture(e);
        }
        return turn.exceptionallyCompose(error -> {
            Throwable cause = Turns.cause(error);
            if (cause instanceof StoreUnavailableException unavailable) {
                var carrying = unavailable.withAdvice(storeless.escalation(understanding, defaultLocale));
                if (carrying.advice().isPresent()) {
                    storeless.keep(conversationId, input);
                }
                cause = carrying;
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** Whether a conversation has had its emergency or urgent advice: its messages then count against its limit. */
    public boolean escalated(String conversationId) {
        Conversation conversation = find(conversationId);
        return conversation.triage() != null && conversation.triage().tier().escalates();
    }

    /** A conversation that exists and has not expired; throws {@link NotFoundException} otherwise. */
    public Conversation find(String conversationId) {
        return turns.stored(conversationId).conversation();
    }

    /** Forgets a conversation everywhere. */
    public void delete(String conversationId) {
        turns.delete(conversationId);
    }

    /**
     * The escalation turn for a message that raises an emergency or urgent flag, worked out without any stored
     * conversation (the store is unreachable), or empty for any other message; audited as usual.
     */
    public Optional<Turn> escalationWithoutStore(Input input, String locale) {
        return input.isPayload() ? Optional.empty() : storeless.escalation(reader.understand(input), locale);
    }

    /** Whether a text raises a red flag that stops guidance (emergency or urgent), read without a conversation. */
    public boolean stops(String text) {
        return models.detector().detect(text, false).stream().anyMatch(flag -> flag.tier().stopsGuidance());
    }

    /**
     * Whether the engine is ready for traffic ({@code /ready}): its models have loaded, it is not warming up and its
     * store answers.
     */
    public boolean ready() {
        return models.ready() && !warmingUp && turns.store().ready();
    }

    /** Whether {@link #warmUp} is under way. */
    public boolean warmingUp() {
        return warmingUp;
    }

    /**
     * Waits for the models, then reads made-up messages (each of the texts, and each joined to the next, so that
     * most are not known phrases) until {@code reads} are done: the JIT compiles the reading path before traffic
     * instead of under it. {@link #ready} is false meanwhile; messages that arrive are answered as usual. Rethrows
     * what stopped a model from loading.
     */
    public void warmUp(Supplier<List<String>> sample, int reads) {
        warmingUp = reads > 0;
        try {
            models.await();
            List<String> texts = reads > 0 ? sample.get() : List.of();
            for (int i = 0; i < reads && !texts.isEmpty(); i++) {
                String text = texts.get(i / 2 % texts.size());
                read(i % 2 == 0 ? text : text + ", " + texts.get((i / 2 + 1) % texts.size()));
            }
        } finally {
            warmingUp = false;
        }
    }

    /** The parser and the red-flag screen, loaded or still loading. */
    public Models models() {
        return models;
    }

    /** The stateless NLU and safety reading of a text, as {@code /api/v1/parse} reports it. */
    public Reading read(String text) {
        return new Reading(models.parser().parse(text), models.detector().detect(text, false));
    }

    /** Where a conversation is now. */
    public TurnState state(Conversation conversation) {
        return navigator.state(conversation);
    }

    /** The stateless reading of one text. */
    public record Reading(Understanding understanding, List<RedFlag> redFlags) {
    }
}
