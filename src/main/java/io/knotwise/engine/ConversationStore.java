package io.knotwise.engine;

import java.util.Optional;

/** Where conversations live between turns; implementations are thread-safe and forget idle conversations. */
public interface ConversationStore {

    /** The conversation, if it exists and has not expired. */
    Optional<Conversation> find(String id);

    void save(Conversation conversation);

    /** Forgets a conversation; returns whether it existed. */
    boolean delete(String id);
}
