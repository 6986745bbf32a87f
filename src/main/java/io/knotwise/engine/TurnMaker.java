package io.knotwise.engine;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.NodeType;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.RedFlag;
import io.knotwise.safety.Screening;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Works out one turn and saves it: the message into the transcript, the red-flag screen first, then what the message
 * means at its node and where the graph goes, then the guide's answer into the transcript and the conversation saved
 * under the version it was read at. Only a saved turn is audited and answered. Thread-safe.
 */
final class TurnMaker {

    /** One generator per thread: a shared SecureRandom is a lock every new conversation would queue on. */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final DialogGraph graph;
    private final Models models;
    private final Navigator navigator;
    private final Reader reader;
    private final ConversationStore store;
    private final Clock clock;
    private final EngineEvents events;
    private final int transcriptCap;

    TurnMaker(DialogGraph graph, Models models, Navigator navigator, Reader reader,
              ConversationStore store, Clock clock, EngineEvents events, int transcriptCap) {
        this.graph = graph;
        this.models = models;
        this.navigator = navigator;
        this.reader = reader;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.transcriptCap = transcriptCap;
    }

    /** A new conversation with an unguessable id, greeted, answered once saved. */
    CompletableFuture<Turn> start(String locale) {
        byte[] bytes = new byte[18];
        RANDOM.get().nextBytes(bytes);
        var conversation = new Conversation(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                locale, clock.instant());
        var reply = new Reply();
        navigator.enter(conversation, graph.start(), reply);
        return commit(conversation, 0, reply, null, List.of()).thenApply(saved -> saved
                .orElseThrow(() -> new IllegalStateException("a new conversation id was already taken")));
    }

    /** One message taken in a copy of a stored conversation, answered once saved; empty when another came first. */
    CompletableFuture<Optional<Turn>> take(ConversationStore.Stored stored, Input input, Understanding understanding) {
        Conversation conversation = stored.conversation();
        conversation.record(new TranscriptEntry("user", input.isPayload() ? "quick_reply" : "text",
                input.isPayload() ? Reader.titleOf(conversation, input.payload()) : input.text(), clock.instant()),
                transcriptCap);
        NodeType at = graph.node(conversation.node()).type();
        Screening screening = models.detector().screen(understanding.text(), at == NodeType.WALK);
        Safeguard safeguard = navigator.safeguard();
        List<RedFlag> checklist = safeguard.checklistFlags(understanding.entities());
        var reply = new Reply();
        var outcome = safeguard.apply(conversation, screening, checklist, understanding, reply, clock.instant());
        if (outcome != Safeguard.Outcome.STOPPED) {
            boolean correcting = at == NodeType.ESCALATION && models.detector().isCorrection(understanding.text());
            boolean cautioned = outcome == Safeguard.Outcome.CAUTIONED;
            Understanding meant = reader.meant(conversation, understanding,
                    navigator.chosen(conversation, understanding), cautioned);
            if (!reader.asksAQuestion(meant)) {
                Slots.fill(conversation, meant);
                if (!input.isPayload()) {
                    // Several things told at once are confirmed in one line, so a misreading can be put right.
                    navigator.phrases().understood(conversation, meant.text(), meant.entities(), 2)
                            .ifPresent(line -> reply.say(Message.TEXT, line));
                }
            }
            navigator.react(conversation, meant, cautioned, correcting, reply);
        }
        var flags = new ArrayList<>(screening.flags());
        flags.addAll(checklist);
        return commit(conversation, stored.version(), reply, understanding, flags);
    }

    private CompletableFuture<Optional<Turn>> commit(Conversation conversation, long version, Reply reply,
                                                     Understanding understanding, List<RedFlag> flags) {
        List<Message> messages = reply.messages();
        conversation.last(messages, reply.quickReplies());
        for (Message message : messages) {
            conversation.record(new TranscriptEntry("guide", message.kind(), message.text(), clock.instant()),
                    transcriptCap);
        }
        var turn = new Turn(conversation.id(), messages, reply.quickReplies(), navigator.state(conversation),
                conversation.triage(), understanding, flags);
        return store.saveAsync(conversation, version).thenApply(saved -> {
            if (!saved) {
                return Optional.empty();
            }
            reply.escalations().forEach(events::escalated);
            if (understanding != null) {
                events.answered(turn);
            }
            return Optional.of(turn);
        });
    }
}
