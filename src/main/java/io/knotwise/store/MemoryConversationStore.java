package io.knotwise.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.knotwise.engine.Conversation;
import java.time.Duration;
import java.util.Optional;

/**
 * Conversations in this process's memory only, for tests and throwaway runs: each is forgotten (and its memory freed,
 * on a background schedule) after it has been idle (not saved) for the given time, or when more than the given number
 * are kept. Thread-safe.
 */
public final class MemoryConversationStore implements Store {

    private final Cache<String, Stored> conversations;
    private final Cache<String, String> links;
    private final Cache<String, Boolean> claims;

    public MemoryConversationStore(Duration idle, long maxConversations) {
        this(idle, maxConversations, Ticker.systemTicker());
    }

    /** A store whose idle time is measured by the given ticker, so tests can move time on. */
    public MemoryConversationStore(Duration idle, long maxConversations, Ticker ticker) {
        this.conversations = Caffeine.newBuilder()
                .expireAfterWrite(idle)
                .maximumSize(maxConversations)
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .build();
        this.links = Caffeine.newBuilder()
                .expireAfterWrite(idle)
                .maximumSize(maxConversations)
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .build();
        this.claims = Caffeine.newBuilder()
                .expireAfterWrite(idle)
                .maximumSize(maxConversations)
                .ticker(ticker)
                .scheduler(Scheduler.systemScheduler())
                .build();
    }

    @Override
    public Optional<Stored> find(String id) {
        return Optional.ofNullable(conversations.getIfPresent(id));
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        var saved = new boolean[1];
        conversations.asMap().compute(conversation.id(), (id, stored) -> {
            long current = stored == null ? 0 : stored.version();
            if (current != version) {
                return stored;
            }
            saved[0] = true;
            return new Stored(conversation, version + 1);
        });
        return saved[0];
    }

    @Override
    public boolean claim(String key) {
        return claims.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public Optional<String> linked(String user) {
        return Optional.ofNullable(links.getIfPresent(user));
    }

    @Override
    public void link(String user, String conversationId) {
        links.put(user, conversationId);
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        return links.asMap().putIfAbsent(user, conversationId) == null;
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        return links.asMap().replace(user, expected, conversationId);
    }

    @Override
    public void release(String key) {
        claims.invalidate(key);
    }

    @Override
    public long count() {
        conversations.cleanUp();
        return conversations.estimatedSize();
    }

    @Override
    public boolean delete(String id) {
        return conversations.asMap().remove(id) != null;
    }
}
