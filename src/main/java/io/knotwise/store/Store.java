package io.knotwise.store;

import io.knotwise.engine.ConversationStore;

/**
 * One place that keeps both what the engine needs (conversations) and what the channels need (which conversation each
 * channel user has, and which deliveries were taken): memory, SQLite or Redis, chosen by {@code KNOTWISE_STORE}.
 */
public interface Store extends ConversationStore, ChannelLinks {
}
