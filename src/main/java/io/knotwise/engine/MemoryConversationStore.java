package io.knotwise.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/** The embedded default store: conversations in memory, each forgotten after it has been idle for the given time. */
public final class MemoryConversationStore implements ConversationStore {

    private final Cache<String, Conversation> conversations;

    public MemoryConversationStore(Duration idle, long maxConversations) {
        this(idle, maxConversations, Ticker.systemTicker());
    }

    MemoryConversationStore(Duration idle, long maxConversations, Ticker ticker) {
        this.conversations = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(maxConversations)
                .ticker(ticker)
                .build();
    }

    @Override
    public Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversations.getIfPresent(id));
    }

    @Override
    public void save(Conversation conversation) {
        conversations.put(conversation.id(), conversation);
    }

    @Override
    public boolean delete(String id) {
        return conversations.asMap().remove(id) != null;
    }
}
