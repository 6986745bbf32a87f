package io.knotwise.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.knotwise.dialog.DialogGraph;
import io.knotwise.nlu.Understanding;
import io.knotwise.safety.Screening;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Safety while the store cannot be reached: the escalation advice for a message that raises an emergency or urgent
 * flag, worked out without any stored conversation, and that message kept (on this instance) so the conversation is
 * escalated once the store is back. Thread-safe.
 */
final class StorelessAdvice {

    private final DialogGraph graph;
    private final Navigator navigator;
    private final Models models;
    private final Clock clock;
    private final EngineEvents events;
    /** The last such message of each conversation, taken before the conversation's next message. */
    private final Cache<String, Input> unsaved = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    StorelessAdvice(DialogGraph graph, Navigator navigator, Models models, Clock clock,
                    EngineEvents events) {
        this.graph = graph;
        this.navigator = navigator;
        this.models = models;
        this.clock = clock;
        this.events = events;
    }

    /** The escalation turn for a message, or empty for one that raises no emergency or urgent flag; audited. */
    Optional<Turn> escalation(Understanding understanding, String locale) {
        if (understanding.text().isEmpty()) {
            return Optional.empty();
        }
        var conversation = new Conversation("unsaved", locale, clock.instant());
        navigator.enter(conversation, graph.start(), new Reply());
        Screening screening = models.detector().screen(understanding.text(), false);
        var reply = new Reply();
        var outcome = navigator.safeguard().apply(conversation, screening, List.of(), understanding, reply,
                clock.instant());
        if (outcome != Safeguard.Outcome.STOPPED || conversation.triage() == null
                || !conversation.triage().tier().escalates()) {
            return Optional.empty();
        }
        reply.escalations().forEach(events::escalated);
        return Optional.of(new Turn(null, reply.messages(), reply.quickReplies(), navigator.state(conversation),
                conversation.triage(), understanding, screening.flags()));
    }

    /** Keeps a message that met an outage and had advice, to be taken before the conversation's next one. */
    void keep(String conversationId, Input input) {
        unsaved.put(conversationId, input);
    }

    /** The message kept for a conversation, if any. */
    Optional<Input> kept(String conversationId) {
        return Optional.ofNullable(unsaved.getIfPresent(conversationId));
    }

    /** Forgets the message kept for a conversation, once it has been taken. */
    void forget(String conversationId) {
        unsaved.invalidate(conversationId);
    }
}
