package io.knotwise.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.MessageParser;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlag;
import io.knotwise.safety.RedFlagDetector;
import io.knotwise.safety.Screening;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The conversation engine: screens every message for red flags first, then moves the conversation through the
 * dialog graph. Plain Java; thread-safe, with turns of one conversation taken one at a time.
 */
public final class Engine {

    /** The keys of {@code responses.yml} the engine itself says; the validator checks that each exists. */
    public static final List<String> RESPONSES = List.of("ask_again", "back_to_question", "back_to_step",
            "discomfort", "explain_style", "explain_technique", "fallback", "first_step",
            "high_severity", "minutes_range", "next_technique", "no_timer", "no_tools", "not_here", "noted_mid_walk",
            "out_of_scope", "reason_area", "reason_minutes", "reason_no_tools", "reason_targets", "reason_tools",
            "recommend_choose", "recommend_intro", "recommend_item", "recommend_none", "routine_intro",
            "screen_clear", "screen_noted", "screen_which", "screen_rest", "this_step", "fallback_plain",
            "stopped_because", "worse_mid_walk", "better_mid_walk", "skipped_question", "step", "technique_done",
            "technique_intro", "technique_not_allowed", "technique_stopped_for_safety", "timer", "wrapup_summary",
            "clarify_thanks", "tool_ruled_out", "stuck", "start_over", "go_back_none", "where_was_i", "pause",
            "resume_title", "choose_which",
            "minutes_one", "minutes_same", "seconds", "screen_required",
            "understood", "understood_area", "understood_onset_days", "understood_onset_weeks",
            "understood_onset_months", "understood_onset_for", "understood_onset_said", "understood_severity",
            "understood_duration", "understood_tools",
            "minutes_estimated", "setup_done", "routine_left_out", "plan_offer", "plan_name", "plan_summary",
            "plan_progress", "greeting_again");

    /** The intents the engine branches on; the validator checks the model knows each. */
    public static final List<String> INTENTS = Intents.ALL;
    /** The slots an {@code ask} node may ask for. */
    public static final Set<String> SLOTS = Slots.ASKABLE;

    /** One generator per thread: a shared SecureRandom is a lock every new conversation would queue on. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    /** Enough stripes that unrelated conversations rarely wait for each other, even with many requests in flight. */
    private static final int LOCK_STRIPES = 4096;
    /** How often a turn is worked out again when other instances keep saving the conversation first. */
    private static final int MAX_ATTEMPTS = 20;
    /** How many transcript entries a conversation keeps unless told otherwise: a long session's worth. */
    public static final int DEFAULT_TRANSCRIPT_CAP = 400;

    private final Guidebook book;
    private final DialogGraph graph;
    private final MessageParser parser;
    private final RedFlagDetector detector;
    private final ConversationStore store;
    private final Clock clock;
    private final Safeguard safeguard;
    private final Navigator navigator;
    private final EngineEvents events;
    private final String emergencyNumberOverride;
    private final String defaultLocale;
    private final boolean auditText;
    private final int transcriptCap;
    private final Object[] locks = new Object[LOCK_STRIPES];
    /**
     * The last message of each conversation that raised an emergency or urgent flag while the store could not be
     * reached (on this instance): taken before the conversation's next message, so it is escalated once the store is
     * back.
     */
    private final Cache<String, Input> unsaved =
            Caffeine.newBuilder()
                    .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    public Engine(Guidebook book, MessageParser parser, RedFlagDetector detector, ConversationStore store,
                  Clock clock, String emergencyNumberOverride) {
        this(book, parser, detector, store, clock, emergencyNumberOverride, null, EngineEvents.none(), false,
                DEFAULT_TRANSCRIPT_CAP);
    }

    /**
     * @param defaultLocale the locale of advice given while the store (and with it the conversation's own locale)
     *     cannot be reached
     * @param events where every raised red flag and every answered turn is reported
     * @param auditText whether the audit records the message text as well (off by default: it is health data)
     * @param transcriptCap how many transcript entries a conversation keeps; the oldest leave first
     */
    public Engine(Guidebook book, MessageParser parser, RedFlagDetector detector, ConversationStore store,
                  Clock clock, String emergencyNumberOverride, String defaultLocale, EngineEvents events,
                  boolean auditText, int transcriptCap) {
        this.book = book;
        this.graph = book.graph();
        this.parser = parser;
        this.detector = detector;
        this.store = store;
        this.clock = clock;
        Arrays.setAll(locks, i -> new Object());
        this.navigator = new Navigator(book, new Recommender(book.techniques(), book.safety()), detector::denied,
                emergencyNumberOverride,
                auditText);
        this.safeguard = navigator.safeguard();
        this.events = events;
        this.emergencyNumberOverride = emergencyNumberOverride;
        this.defaultLocale = defaultLocale;
        this.auditText = auditText;
        this.transcriptCap = transcriptCap;
    }

    /** An engine like this one (same content, models and settings) that keeps its conversations in another store. */
    public Engine withStore(ConversationStore other) {
        return new Engine(book, parser, detector, other, clock, emergencyNumberOverride, defaultLocale, events,
                auditText, transcriptCap);
    }

    /** Starts a conversation and returns its greeting. */
    public Turn start(String locale) {
        byte[] bytes = new byte[18];
        RANDOM.get().nextBytes(bytes);
        var conversation = new Conversation(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                locale, clock.instant());
        var reply = new Reply();
        navigator.enter(conversation, graph.start(), reply);
        return commit(conversation, 0, reply, null, List.of())
                .orElseThrow(() -> new IllegalStateException("a new conversation id was already taken"));
    }

    /**
     * Takes one message in a conversation; throws {@link NotFoundException} for an unknown or expired id. Turns of
     * one conversation are applied one after the other: one at a time on this instance, and a turn that another
     * instance overtook is worked out again on the newer conversation. A turn that fails changes nothing; one that
     * fails because the store cannot be reached throws a {@link StoreUnavailableException} that carries the
     * escalation advice when the message raised an emergency or urgent flag.
     */
    public Turn handle(String conversationId, Input input) {
        Understanding understanding = understand(input);
        try {
            Input missed = unsaved.getIfPresent(conversationId);
            if (missed != null && !missed.equals(input)) {
                turn(conversationId, missed, understand(missed));
            }
            unsaved.invalidate(conversationId);
            return turn(conversationId, input, understanding);
        } catch (StoreUnavailableException e) {
            var carrying = e.withAdvice(escalation(understanding, defaultLocale));
            if (carrying.advice().isPresent()) {
                unsaved.put(conversationId, input);
            }
            throw carrying;
        }
    }

    private Turn turn(String conversationId, Input input, Understanding understanding) {
        synchronized (lockFor(conversationId)) {
            for (int attempt = 1; ; attempt++) {
                ConversationStore.Stored stored = stored(conversationId);
                Optional<Turn> turn = take(stored.conversation().copy(), stored.version(), input, understanding);
                if (turn.isPresent()) {
                    return turn.get();
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreUnavailableException("conversation '" + conversationId
                            + "' is changing too fast to save; try again");
                }
                backOff(attempt);
            }
        }
    }

    private Optional<Turn> take(Conversation conversation, long version, Input input, Understanding understanding) {
        conversation.record(new TranscriptEntry("user", input.isPayload() ? "quick_reply" : "text",
                input.isPayload() ? titleOf(conversation, input.payload()) : input.text(), clock.instant()),
                transcriptCap);
        boolean walking = graph.node(conversation.node()).type() == NodeType.WALK;
        boolean escalated = graph.node(conversation.node()).type() == NodeType.ESCALATION;
        Screening screening = detector.screen(understanding.text(), walking);
        List<RedFlag> checklist = safeguard.checklistFlags(understanding.entities());
        var reply = new Reply();
        var outcome = safeguard.apply(conversation, screening, checklist, understanding, reply, clock.instant());
        if (outcome != Safeguard.Outcome.STOPPED) {
            boolean correcting = escalated && detector.isCorrection(understanding.text());
            Understanding meant = navigator.chosen(conversation, understanding).map(Engine::fromPayload)
                    .map(chosen -> alsoSaid(chosen, understanding)).orElse(understanding);
            if (meant.intent().name().equals(Intents.BACK)
                    && meant.entities().stream().anyMatch(e -> e.entity().equals(Slots.BODY_AREA))) {
                // "my back hurts" names the body part; "back" alone, or "go back", is the command.
                meant = meant.withIntent(new IntentScore(Intents.DESCRIBE_SYMPTOM, meant.intent().confidence()));
            }
            if ((meant.outOfScope() || !meant.confident())
                    && meant.entities().stream().anyMatch(e -> e.entity().equals(Slots.STYLE))) {
                // "tell me about hot stones": a style named is a question about it.
                meant = meant.withIntent(new IntentScore(Intents.EXPLAIN_TECHNIQUE, meant.intent().confidence()));
            }
            if (outcome == Safeguard.Outcome.CAUTIONED && conversation.slots().containsKey(Slots.BODY_AREA)) {
                // "I've got sunburn on the tops of my shoulders": where the caution is, not where the tension is.
                meant = meant.withEntities(meant.entities().stream()
                        .filter(e -> !e.entity().equals(Slots.BODY_AREA)).toList());
            }
            if (!asksAQuestion(meant)) {
                Slots.fill(conversation, meant);
                if (!input.isPayload()) {
                    // Several things told at once are confirmed in one line, so a misreading can be put right.
                    navigator.phrases().understood(conversation, meant.text(), meant.entities(), 2)
                            .ifPresent(line -> reply.say(Message.TEXT, line));
                }
            }
            navigator.react(conversation, meant, outcome == Safeguard.Outcome.CAUTIONED, correcting, reply);
        }
        var flags = new ArrayList<>(screening.flags());
        flags.addAll(checklist);
        return commit(conversation, version, reply, understanding, flags);
    }

    /** Waits a random while, longer after each lost race, so racing instances stop overtaking each other. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(attempt * 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while saving a conversation", e);
        }
    }

    private Object lockFor(String conversationId) {
        return locks[Math.floorMod(conversationId.hashCode(), locks.length)];
    }

    /** A conversation that exists and has not expired. */
    /**
     * Whether a conversation has already escalated (its emergency or urgent advice given): its messages then count
     * against its rate limit like any other, since the advice is not given again by taking more of them.
     */
    public boolean escalated(String conversationId) {
        Conversation conversation = find(conversationId);
        return conversation.triage() != null && conversation.triage().tier().escalates();
    }

    public Conversation find(String conversationId) {
        return stored(conversationId).conversation();
    }

    private ConversationStore.Stored stored(String conversationId) {
        return store.find(conversationId)
                .orElseThrow(() -> new NotFoundException("no conversation '" + conversationId + "' (unknown or expired)"));
    }

    /** Forgets a conversation everywhere. */
    public void delete(String conversationId) {
        synchronized (lockFor(conversationId)) {
            if (!store.delete(conversationId)) {
                throw new NotFoundException("no conversation '" + conversationId + "' (unknown or expired)");
            }
        }
    }

    /**
     * What the guide says to a message that raises an emergency or urgent flag, worked out without any stored
     * conversation, for when the store cannot be reached: the escalation turn, or empty for any other message. The
     * flags are audited as usual.
     */
    public Optional<Turn> escalationWithoutStore(Input input, String locale) {
        return input.isPayload() ? Optional.empty() : escalation(parser.parse(input.text()), locale);
    }

    private Optional<Turn> escalation(Understanding understanding, String locale) {
        if (understanding.text().isEmpty()) {
            return Optional.empty();
        }
        var conversation = new Conversation("unsaved", locale, clock.instant());
        navigator.enter(conversation, graph.start(), new Reply());
        Screening screening = detector.screen(understanding.text(), false);
        var reply = new Reply();
        var outcome = safeguard.apply(conversation, screening, List.of(), understanding, reply, clock.instant());
        if (outcome != Safeguard.Outcome.STOPPED || conversation.triage() == null
                || !conversation.triage().tier().escalates()) {
            return Optional.empty();
        }
        reply.escalations().forEach(events::escalated);
        return Optional.of(new Turn(null, reply.messages(), reply.quickReplies(), navigator.state(conversation),
                conversation.triage(), understanding, screening.flags()));
    }

    /** Whether a text raises a red flag that stops guidance (emergency or urgent), read without a conversation. */
    public boolean stops(String text) {
        return detector.detect(text, false).stream().anyMatch(flag -> flag.tier().stopsGuidance());
    }

    /** Whether the engine can take turns now: content and models are loaded before it exists, so it is the store. */
    public boolean ready() {
        return store.ready();
    }

    /** The stateless NLU and safety reading of a text, as {@code /api/v1/parse} reports it. */
    public Reading read(String text) {
        return new Reading(parser.parse(text), detector.detect(text, false));
    }

    /** Where a conversation is now. */
    public TurnState state(Conversation conversation) {
        return navigator.state(conversation);
    }

    private Understanding understand(Input input) {
        if (!input.isPayload()) {
            return parser.parse(input.text());
        }
        Payload payload = Payload.parse(input.payload());
        if (!book.intentTitles().containsKey(payload.intent())) {
            throw new BadInputException("the payload names an unknown intent '" + payload.intent() + "'");
        }
        payload.entities().keySet().stream().filter(name -> !Slots.PAYLOAD_ENTITIES.contains(name)).findFirst()
                .ifPresent(name -> {
                    throw new BadInputException("the payload names an unknown entity '" + name + "'; known: "
                            + new TreeSet<>(Slots.PAYLOAD_ENTITIES));
                });
        return fromPayload(payload);
    }

    /** A quick reply's payload as the understanding of a message: its intent, surely, and its entities. */
    private static Understanding fromPayload(Payload payload) {
        var entities = new ArrayList<Entity>();
        payload.entities().forEach((name, value) -> entities.add(new Entity(name, Slots.payloadValue(name, value),
                0, 0)));
        var intent = new IntentScore(payload.intent(), 1.0);
        return new Understanding("", intent, List.of(intent), entities, true);
    }

    /**
     * A typed choice with what else its message said: "the top of my left shoulder is tight" picks "Tight top of my
     * shoulders" and still says which side.
     */
    private static Understanding alsoSaid(Understanding chosen, Understanding typed) {
        var names = chosen.entities().stream().map(Entity::entity).collect(Collectors.toSet());
        var entities = new ArrayList<>(chosen.entities());
        typed.entities().stream().filter(e -> !names.contains(e.entity())).forEach(entities::add);
        return chosen.withEntities(entities);
    }

    /** A question mentions things ("is a massage gun safe?") without saying the user has or wants them. */
    private boolean asksAQuestion(Understanding understanding) {
        return understanding.confident() && book.graph().digressions().contains(understanding.intent().name());
    }

    /** What the user saw on the button they pressed, or the payload itself when it was not on offer. */
    private static String titleOf(Conversation conversation, String payload) {
        return conversation.lastQuickReplies().stream().filter(q -> q.payload().sameAs(payload))
                .map(QuickReply::title).findFirst().orElse(payload);
    }

    /** Saves the turn's conversation unless another turn came first; only a saved turn is audited and answered. */
    private Optional<Turn> commit(Conversation conversation, long version, Reply reply, Understanding understanding,
                                  List<RedFlag> flags) {
        List<Message> messages = reply.messages();
        conversation.last(messages, reply.quickReplies());
        for (Message message : messages) {
            conversation.record(new TranscriptEntry("guide", message.kind(), message.text(), clock.instant()),
                    transcriptCap);
        }
        if (!store.save(conversation, version)) {
            return Optional.empty();
        }
        reply.escalations().forEach(events::escalated);
        var turn = new Turn(conversation.id(), messages, reply.quickReplies(), navigator.state(conversation),
                conversation.triage(), understanding, flags);
        if (understanding != null) {
            events.answered(turn);
        }
        return Optional.of(turn);
    }

    /** The stateless reading of one text. */
    public record Reading(Understanding understanding, List<RedFlag> redFlags) {
    }
}
