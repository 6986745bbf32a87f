package io.knotwise.engine;

import io.knotwise.NotFoundException;
import io.knotwise.StoreUnavailableException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Conversations in their store, one turn at a time: turns of one conversation wait for each other on this instance,
 * and a turn another instance overtook (its save named a version that is no longer current) is worked out again on
 * the newer conversation. Thread-safe.
 */
final class Turns {

    /** Enough stripes that unrelated conversations rarely wait for each other, even with many requests in flight. */
    private static final int LOCK_STRIPES = 4096;
    /** How often a turn is worked out again when other instances keep saving the conversation first. */
    private static final int MAX_ATTEMPTS = 20;

    private final ConversationStore store;
    private final Object[] locks = new Object[LOCK_STRIPES];

    Turns(ConversationStore store) {
        this.store = store;
        Arrays.setAll(locks, i -> new Object());
    }

    ConversationStore store() {
        return store;
    }

    /**
     * Works a turn out on the stored conversation until its save holds: {@code attempt} is given a copy of the
     * conversation and its version and returns empty when its save lost the race.
     */
    <T> T take(String conversationId, Function<ConversationStore.Stored, Optional<T>> attempt) {
        synchronized (lockFor(conversationId)) {
            for (int tries = 1; ; tries++) {
                ConversationStore.Stored stored = stored(conversationId);
                Optional<T> done = attempt.apply(new ConversationStore.Stored(stored.conversation().copy(),
                        stored.version()));
                if (done.isPresent()) {
                    return done.get();
                }
                if (tries == MAX_ATTEMPTS) {
                    throw new StoreUnavailableException("conversation '" + conversationId
                            + "' is changing too fast to save; try again");
                }
                backOff(tries);
            }
        }
    }

    /** A conversation that exists and has not expired. */
    ConversationStore.Stored stored(String conversationId) {
        return store.find(conversationId)
                .orElseThrow(() -> new NotFoundException("no conversation '" + conversationId
                        + "' (unknown or expired)"));
    }

    /** Forgets a conversation everywhere. */
    void delete(String conversationId) {
        synchronized (lockFor(conversationId)) {
            if (!store.delete(conversationId)) {
                throw new NotFoundException("no conversation '" + conversationId + "' (unknown or expired)");
            }
        }
    }

    private Object lockFor(String conversationId) {
        return locks[Math.floorMod(conversationId.hashCode(), locks.length)];
    }

    /** Waits a random while, longer after each lost race, so racing instances stop overtaking each other. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(attempt * 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while saving a conversation", e);
        }
    }
}
