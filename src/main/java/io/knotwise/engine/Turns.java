package io.knotwise.engine;

import io.knotwise.NotFoundException;
import io.knotwise.StoreUnavailableException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Conversations in their store, one turn at a time: a turn of a conversation starts once the one before it on this
 * instance is saved, and a turn another instance overtook (its save named a version that is no longer current) is
 * worked out again on the newer conversation. No thread waits for a save: a turn is answered when its save holds.
 * Thread-safe.
 */
final class Turns {

    /** How often a turn is worked out again when other instances keep saving the conversation first. */
    private static final int MAX_ATTEMPTS = 20;
    /** Where a turn that waited for the one before it, or for a retry, is worked out. */
    private static final Executor LATER = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "knotwise-turns");
        thread.setDaemon(true);
        return thread;
    });

    private final ConversationStore store;
    /** The last turn asked for in each conversation with a turn in flight. */
    private final ConcurrentHashMap<String, CompletableFuture<?>> last = new ConcurrentHashMap<>();

    Turns(ConversationStore store) {
        this.store = store;
    }

    ConversationStore store() {
        return store;
    }

    /**
     * Works a turn out on the stored conversation until its save holds: {@code attempt} is given a copy of the
     * conversation and its version and answers empty when its save lost the race. The turn is worked out on this
     * thread unless one of the same conversation is still in flight.
     */
    <T> CompletableFuture<T> take(String conversationId,
                                  Function<ConversationStore.Stored, CompletableFuture<Optional<T>>> attempt) {
        var turn = new CompletableFuture<T>();
        CompletableFuture<?> before = last.put(conversationId, turn);
        if (before == null || before.isDone()) {
            attempt(conversationId, attempt, 1, turn);
        } else {
            before.whenCompleteAsync((result, error) -> attempt(conversationId, attempt, 1, turn), LATER);
        }
        turn.whenComplete((result, error) -> last.remove(conversationId, turn));
        return turn;
    }

    private <T> void attempt(String conversationId,
                             Function<ConversationStore.Stored, CompletableFuture<Optional<T>>> attempt, int tries,
                             CompletableFuture<T> turn) {
        CompletableFuture<Optional<T>> saved;
        try {
            ConversationStore.Stored stored = stored(conversationId);
            saved = attempt.apply(new ConversationStore.Stored(stored.conversation().copy(), stored.version()));
        } catch (RuntimeException e) {
            turn.completeExceptionally(e);
            return;
        }
        saved.whenComplete((done, error) -> {
            if (error != null) {
                turn.completeExceptionally(cause(error));
            } else if (done.isPresent()) {
                turn.complete(done.get());
            } else if (tries == MAX_ATTEMPTS) {
                turn.completeExceptionally(new StoreUnavailableException("conversation '" + conversationId
                        + "' is changing too fast to save; try again"));
            } else {
                // A random while, longer after each lost race, so racing instances stop overtaking each other.
                Executor backedOff = CompletableFuture.delayedExecutor(
                        ThreadLocalRandom.current().nextInt(tries * 2 + 1), TimeUnit.MILLISECONDS, LATER);
                backedOff.execute(() -> attempt(conversationId, attempt, tries + 1, turn));
            }
        });
    }

    /** A conversation that exists and has not expired. */
    ConversationStore.Stored stored(String conversationId) {
        return store.find(conversationId)
                .orElseThrow(() -> new NotFoundException("no conversation '" + conversationId
                        + "' (unknown or expired)"));
    }

    /** Forgets a conversation everywhere (a turn in flight on it then fails its save and finds it gone). */
    void delete(String conversationId) {
        if (!store.delete(conversationId)) {
            throw new NotFoundException("no conversation '" + conversationId + "' (unknown or expired)");
        }
    }

    /** The result of a turn, waited for: what failed it is thrown as it was. */
    static <T> T join(CompletableFuture<T> turn) {
        try {
            return turn.join();
        } catch (CompletionException e) {
            throw cause(e) instanceof RuntimeException failure ? failure : e;
        }
    }

    /** What failed a stage, without the wrapping that futures add. */
    static Throwable cause(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
