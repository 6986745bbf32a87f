package io.knotwise.engine;

import io.knotwise.nlu.MessageParser;
import io.knotwise.safety.RedFlagDetector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What reads a message: the parser and the red-flag screen, loaded, loading, or waiting to be asked for. A greeting
 * needs neither, so a guide answers it before they are there; anything that reads a message asks for them and waits,
 * so no message is ever taken unscreened. Thread-safe.
 *
 * @param parsing the message parser (intent model, entities), done once loaded
 * @param screening the red-flag screen (rules and second opinion), done once loaded
 * @param asked completed when the loading should begin (whoever needs them first); {@code parsing} and {@code
 *     screening} follow from it
 */
public record Models(CompletableFuture<MessageParser> parsing, CompletableFuture<RedFlagDetector> screening,
                     CompletableFuture<Void> asked) {

    /** Models already loaded. */
    public static Models loaded(MessageParser parser, RedFlagDetector detector) {
        return new Models(CompletableFuture.completedFuture(parser), CompletableFuture.completedFuture(detector),
                CompletableFuture.completedFuture(null));
    }

    /** Begins loading, if it has not begun; returns at once. */
    public void load() {
        asked.complete(null);
    }

    /** Whether both have loaded (false while loading, and for good if one failed to). */
    public boolean ready() {
        return loadedWell(parsing) && loadedWell(screening);
    }

    /** Begins loading if need be, and waits until both have loaded; rethrows what stopped one from loading. */
    public void await() {
        parser();
        detector();
    }

    MessageParser parser() {
        load();
        return joined(parsing);
    }

    RedFlagDetector detector() {
        load();
        return joined(screening);
    }

    private static boolean loadedWell(CompletableFuture<?> model) {
        return model.isDone() && !model.isCompletedExceptionally();
    }

    /** A loading step's value, once there; its own exception (such as an invalid model) rethrown as it was. */
    public static <T> T joined(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
