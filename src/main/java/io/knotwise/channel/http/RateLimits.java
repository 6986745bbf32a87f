package io.knotwise.channel.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.knotwise.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets (Bucket4j) per key, such as a client address or a conversation id: each key may make
 * {@code perMinute} requests in a burst, refilled evenly over a minute. Buckets of keys unseen for a few minutes
 * are forgotten, so memory stays bounded. Limits are per instance. Thread-safe.
 */
public final class RateLimits {

    private static final long MAX_KEYS = 200_000;

    private final String what;
    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(MAX_KEYS)
            .build();

    /**
     * @param what what the key is, for the error message ("address", "conversation")
     * @param perMinute requests a key may make per minute; 0 switches the limit off
     */
    public RateLimits(String what, int perMinute) {
        this.what = what;
        this.perMinute = perMinute;
    }

    /** Takes one request from the key's bucket, or throws {@link RateLimitedException} when it is empty. */
    public void take(String key) {
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            throw new RateLimitedException("too many requests from this " + what + " (at most " + perMinute
                    + " a minute); try again in " + seconds + " s", seconds);
        }
    }
}
