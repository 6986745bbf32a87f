package io.knotwise.channel;

import io.knotwise.NotFoundException;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;

/**
 * The one channel abstraction: a user of a messaging platform (a Telegram chat, a Slack user in a channel, a Rasa
 * sender) is mapped to a conversation, and each inbound message becomes an engine turn, so the red-flag screen and
 * the step-by-step walk work the same on every channel. A user whose conversation expired simply starts a new one.
 * The mapping lives in the conversation store, so it survives restarts and is shared by every instance on the same
 * store. Thread-safe.
 */
public final class ChannelConversations {

    private final Engine engine;
    private final String locale;

    /** @param locale the locale of conversations started on a channel (it picks the emergency number) */
    public ChannelConversations(Engine engine, String locale) {
        this.engine = engine;
        this.locale = locale;
    }

    /** The guide's turn for a message from a user of a channel, starting a conversation when there is none. */
    public synchronized Turn send(String channel, String user, Input input) {
        String key = channel + ":" + user;
        var id = engine.conversationOf(key);
        if (id.isPresent()) {
            try {
                Turn turn = engine.handle(id.get(), input);
                engine.link(key, id.get());
                return turn;
            } catch (NotFoundException expired) {
                // deleted or expired since it was looked up: start again below
            }
        }
        Turn greeting = start(key);
        return input.isPayload() || isGreeting(input) ? greeting : merge(greeting, engine.handle(
                greeting.conversationId(), input));
    }

    /**
     * True the first time a platform delivers an event (a Telegram update id, a Slack event id), false for a retry or
     * replay, on every instance sharing the conversation store.
     */
    public boolean firstTime(String channel, String eventId) {
        return engine.claim(channel + ":" + eventId);
    }

    /** Starts a new conversation for a user, forgetting any earlier one. */
    public synchronized Turn restart(String channel, String user) {
        return start(channel + ":" + user);
    }

    private Turn start(String key) {
        Turn greeting = engine.start(locale);
        engine.link(key, greeting.conversationId());
        return greeting;
    }

    private static boolean isGreeting(Input input) {
        return input.text() != null && input.text().strip().equalsIgnoreCase("/start");
    }

    /** The greeting followed by the answer to the first message, as one turn. */
    private static Turn merge(Turn greeting, Turn answer) {
        var messages = new java.util.ArrayList<>(greeting.messages());
        messages.addAll(answer.messages());
        return new Turn(answer.conversationId(), messages, answer.quickReplies(), answer.state(), answer.triage(),
                answer.nlu(), answer.redFlags());
    }
}
