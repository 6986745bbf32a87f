package io.knotwise.monitoring;

import io.knotwise.StoreUnavailableException;
import io.knotwise.engine.Conversation;
import io.knotwise.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A store that reports on itself: {@code knotwise_store_calls_seconds} (by operation),
 * {@code knotwise_store_errors_total} (calls that found the store unavailable, by operation) and the gauge
 * {@code knotwise_conversations_active} (conversations kept now; NaN while the store is unreachable). Thread-safe
 * when the store it wraps is.
 */
public final class MeteredConversationStore implements Store {

    private final Store store;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public MeteredConversationStore(Store store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        Gauge.builder("knotwise.conversations.active", this::countOrNaN)
                .description("Conversations kept now, not yet idle for too long")
                .register(registry);
        for (String operation : new String[] {"find", "save", "delete", "linked", "link", "linkIfAbsent",
            "relink", "claim", "release"}) {
            errors(operation);
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        return call("find", () -> store.find(id));
    }

    @Override
    public boolean save(Conversation conversation, long version) {
        return call("save", () -> store.save(conversation, version));
    }

    /** Timed from the call until the save holds, as {@code save}. */
    @Override
    public CompletableFuture<Boolean> saveAsync(Conversation conversation, long version) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<Boolean> saved;
        try {
            saved = store.saveAsync(conversation, version);
        } catch (RuntimeException e) {
            saved = CompletableFuture.failedFuture(e);
        }
        return saved.whenComplete((result, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof StoreUnavailableException) {
                errors("save").increment();
            }
            sample.stop(timer("save"));
        });
    }

    @Override
    public boolean delete(String id) {
        return call("delete", () -> store.delete(id));
    }

    @Override
    public Optional<String> linked(String user) {
        return call("linked", () -> store.linked(user));
    }

    @Override
    public void link(String user, String conversationId) {
        call("link", () -> {
            store.link(user, conversationId);
            return null;
        });
    }

    @Override
    public boolean linkIfAbsent(String user, String conversationId) {
        return call("linkIfAbsent", () -> store.linkIfAbsent(user, conversationId));
    }

    @Override
    public boolean relink(String user, String expected, String conversationId) {
        return call("relink", () -> store.relink(user, expected, conversationId));
    }

    @Override
    public boolean claim(String key) {
        return call("claim", () -> store.claim(key));
    }

    @Override
    public void release(String key) {
        call("release", () -> {
            store.release(key);
            return null;
        });
    }

    @Override
    public long count() {
        return store.count();
    }

    @Override
    public boolean ready() {
        return store.ready();
    }

    @Override
    public void close() {
        store.close();
    }

    private double countOrNaN() {
        try {
            return store.count();
        } catch (StoreUnavailableException e) {
            return Double.NaN;
        }
    }

    private <T> T call(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            errors(operation).increment();
            throw e;
        } finally {
            sample.stop(timer(operation));
        }
    }

    private Timer timer(String operation) {
        return timers.computeIfAbsent(operation, op -> Timer.builder("knotwise.store.calls")
                .description("Calls to the conversation store, by operation")
                .tag("operation", op)
                .register(registry));
    }

    private Counter errors(String operation) {
        return Counter.builder("knotwise.store.errors")
                .description("Calls that found the conversation store unavailable, by operation")
                .tag("operation", operation)
                .register(registry);
    }
}
