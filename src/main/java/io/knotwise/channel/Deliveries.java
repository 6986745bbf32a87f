package io.knotwise.channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies to one platform user leave in the order they were handed over, one after the other, while different users'
 * replies go out in parallel on the executor: "Step 2" is never overtaken by "Step 3". A reply that fails is logged
 * and counted, and the next one still goes. Thread-safe.
 */
public final class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final Executor executor;
    private final Runnable failed;
    /** The last reply handed over for each user, until it has gone. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    public Deliveries(Executor executor) {
        this(executor, () -> { });
    }

    /** @param failed told of every reply that finally could not be delivered (after the platform calls' retries) */
    public Deliveries(Executor executor, Runnable failed) {
        this.executor = executor;
        this.failed = failed;
    }

    /** Sends the reply after every reply handed over for this user before it. */
    public void send(String user, String what, Runnable reply) {
        Runnable guarded = () -> {
            try {
                reply.run();
            } catch (RuntimeException e) {
                LOG.warn("{} was not delivered: {}", what, e.getMessage());
                failed.run();
            }
        };
        try {
            CompletableFuture<Void> queued = last.compute(user, (key, before) -> before == null
                    ? CompletableFuture.runAsync(guarded, executor)
                    : before.exceptionally(failure -> null).thenRunAsync(guarded, executor));
            queued.whenComplete((done, failure) -> last.remove(user, queued));
        } catch (RejectedExecutionException e) {
            LOG.warn("{} was not delivered: the channel is shutting down", what);
        }
    }
}
