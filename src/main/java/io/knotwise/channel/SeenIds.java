package io.knotwise.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers the ids of recently processed platform events (Telegram update ids, Slack event ids), so a retried or
 * replayed delivery is processed once. Thread-safe.
 */
public final class SeenIds {

    private final Cache<String, Boolean> seen;

    public SeenIds(Duration remember, long max) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(max).build();
    }

    /** True the first time an id is offered, false for every repeat. */
    public boolean firstTime(String id) {
        return seen.asMap().putIfAbsent(id, Boolean.TRUE) == null;
    }
}
