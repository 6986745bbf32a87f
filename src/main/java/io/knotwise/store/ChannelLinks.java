package io.knotwise.store;

import java.util.Optional;

/**
 * Which conversation each user of a messaging channel (such as {@code telegram:42}) has, and which platform
 * deliveries were already taken, shared by every instance on the same store. Links and claims are forgotten after
 * the store's idle time. Implementations are thread-safe and atomic across instances, and throw
 * {@link io.knotwise.StoreUnavailableException} when they cannot be reached.
 */
public interface ChannelLinks {

    /** The conversation a user is linked to, if the link has not been idle for too long. */
    Optional<String> linked(String user);

    /** Links a user to a conversation, replacing any earlier link and restarting its idle time. */
    void link(String user, String conversationId);

    /**
     * Links a user who has no link yet; false, changing nothing, when the user already has one (another instance
     * linked them first). Atomic: of racing callers, exactly one succeeds.
     */
    boolean linkIfAbsent(String user, String conversationId);

    /**
     * Moves a user's link from {@code expected} (a conversation that has expired) to another; false, changing
     * nothing, when the link no longer points at {@code expected}. Atomic.
     */
    boolean relink(String user, String expected, String conversationId);

    /**
     * Claims a one-time key, such as the id of a webhook delivery: true the first time it is claimed on any instance,
     * false for every repeat, so a retried delivery is processed once.
     */
    boolean claim(String key);

    /** Gives a claim back, so that a delivery that could not be processed is processed when it comes again. */
    void release(String key);
}
