package io.knotwise.engine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where conversations live between turns. Every stored conversation has a version that goes up by one on each save;
 * a save names the version it started from and fails when somebody else saved in between, so no turn ever
 * overwrites another, on one instance or many. Implementations are thread-safe, forget conversations idle for
 * longer than their idle time, and throw {@link io.knotwise.StoreUnavailableException} when they cannot be reached.
 */
public interface ConversationStore extends AutoCloseable {

    /** The conversation and its version, if it exists and has not expired. */
    Optional<Stored> find(String id);

    /**
     * Saves a conversation as the next version after {@code version} (0 for a new one); returns false, saving
     * nothing, when the stored version is no longer {@code version} (another turn came first, or it was deleted).
     */
    boolean save(Conversation conversation, long version);

    /**
     * {@link #save}, answered once the save holds (or failed): a store that waits for a disk gives the calling thread
     * back meanwhile. The conversation is not touched again by the caller until then. By default the save is made
     * at once, on the calling thread.
     */
    default CompletableFuture<Boolean> saveAsync(Conversation conversation, long version) {
        try {
            return CompletableFuture.completedFuture(save(conversation, version));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Forgets a conversation everywhere; returns whether it existed. */
    boolean delete(String id);

    /** How many conversations the store keeps now (those not yet idle for too long), for monitoring. */
    long count();

    /** Whether the store answers now (for readiness checks). */
    default boolean ready() {
        return true;
    }

    /** Releases connections and files; the store is not used afterwards. */
    @Override
    default void close() {
    }

    /** A conversation as stored, with the version its next save must name. */
    record Stored(Conversation conversation, long version) {
    }
}
