package io.knotwise.channel;

import io.knotwise.KnotwiseException;
import io.knotwise.NotFoundException;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The one channel abstraction: a user of a messaging platform (a Telegram chat, a Slack user in a channel, a Rasa
 * sender) is mapped to a conversation, and each inbound message becomes an engine turn, so the red-flag screen and
 * the step-by-step walk work the same on every channel. A user whose conversation expired simply starts a new one.
 * The mapping is kept in a properties file when one is given, so it survives restarts. Thread-safe.
 */
public final class ChannelConversations {

    private final Engine engine;
    private final String locale;
    private final Path file;
    private final Properties mapping = new Properties();

    /**
     * @param locale the locale of conversations started on a channel (it picks the emergency number)
     * @param file where the mapping is kept across restarts, or null to keep it in memory only
     */
    public ChannelConversations(Engine engine, String locale, Path file) {
        this.engine = engine;
        this.locale = locale;
        this.file = file;
        if (file != null && Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                mapping.load(in);
            } catch (IOException e) {
                throw new KnotwiseException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The guide's turn for a message from a user of a channel, starting a conversation when there is none. */
    public synchronized Turn send(String channel, String user, Input input) {
        String key = channel + ":" + user;
        String id = mapping.getProperty(key);
        if (id != null) {
            try {
                return engine.handle(id, input);
            } catch (NotFoundException expired) {
                mapping.remove(key);
            }
        }
        Turn greeting = start(key);
        return input.isPayload() || isGreeting(input) ? greeting : merge(greeting, engine.handle(
                greeting.conversationId(), input));
    }

    /** Starts a new conversation for a user, forgetting any earlier one. */
    public synchronized Turn restart(String channel, String user) {
        return start(channel + ":" + user);
    }

    private Turn start(String key) {
        Turn greeting = engine.start(locale);
        mapping.setProperty(key, greeting.conversationId());
        save();
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

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                mapping.store(out, "Knotwise: channel user -> conversation id");
            }
        } catch (IOException e) {
            throw new KnotwiseException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
