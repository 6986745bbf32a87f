package io.knotwise.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.RateLimitedException;
import io.knotwise.Settings;
import io.knotwise.StoreUnavailableException;
import io.knotwise.channel.http.RateLimits;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import io.knotwise.monitoring.LogIds;
import io.knotwise.store.ChannelLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one channel abstraction: a user of a messaging platform (a Telegram chat, a Slack user in a channel, a Rasa
 * sender) is mapped to a conversation, and each inbound message becomes an engine turn, so the red-flag screen and
 * the step-by-step walk work the same on every channel. A user whose conversation expired simply starts a new one.
 * The mapping lives in {@link ChannelLinks}, so it survives restarts and is shared by every instance on the same
 * store: of two instances taking a new user's first messages at once, one links its conversation and the other
 * carries on in it. When the store cannot be reached, a {@link StoreUnavailableException} carries the escalation
 * advice for a message that needs it. Thread-safe; one user's messages are taken one at a time on an instance.
 */
public final class ChannelConversations {

    /**
     * What a user's conversation takes.
     *
     * @param maxTextLength the longest message taken as a turn: a longer one is answered with a request to split it,
     *     after the advice for any red flag in it
     * @param messagesPerMinute how many messages a user may send a minute (0: no limit); an emergency or urgent one
     *     is taken over the limit until their conversation has escalated
     */
    public record Limits(int maxTextLength, int messagesPerMinute) {

        /** Messages up to the default length, and no rate limit. */
        public static final Limits NONE = new Limits(Settings.DEFAULT_MAX_TEXT_LENGTH, 0);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChannelConversations.class);
    /** Enough stripes that different users rarely wait for each other. */
    private static final int LOCK_STRIPES = 1024;

    private final Engine engine;
    private final ChannelLinks links;
    private final String locale;
    private final Consumer<String> replyFailed;
    private final ChatTimers timers;
    private final Limits limits;
    private final RateLimits perUser;
    /** Users told in the last minute that they are over their limit: told once, not once per message. */
    private final Cache<String, Boolean> toldToSlowDown = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    private final Object[] locks = new Object[LOCK_STRIPES];
    /** The last escalating message of each user that met an outage, until it can be taken. */
    private final Cache<String, Input> unsaved = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    /** @param locale the locale of conversations started on a channel (it picks the emergency number) */
    public ChannelConversations(Engine engine, ChannelLinks links, String locale) {
        this(engine, links, locale, channel -> { }, new ChatTimers(), Limits.NONE);
    }

    /**
     * @param replyFailed told, with the channel's name, of every reply that finally could not be delivered
     * @param timers the holds timed for the users of every channel
     * @param limits how long a message and how many a minute a user's conversation takes
     */
    public ChannelConversations(Engine engine, ChannelLinks links, String locale, Consumer<String> replyFailed,
                                ChatTimers timers, Limits limits) {
        this.replyFailed = replyFailed;
        this.limits = limits;
        this.perUser = new RateLimits("user", limits.messagesPerMinute());
        this.timers = timers;
        this.engine = engine;
        this.links = links;
        this.locale = locale;
        Arrays.setAll(locks, i -> new Object());
    }

    /**
     * The guide's turn for a message from a user of a channel, starting a conversation when there is none. A message
     * that raised an emergency or urgent flag while the store could not be reached is kept (on this instance) and
     * taken before the user's next message, so the conversation is escalated once the store is back.
     */
    public Turn send(String channel, String user, Input input) {
        return send(channel, user, input, locale);
    }

    /**
     * As {@link #send(String, String, Input)}, for a user whose platform says which locale they use (it picks the
     * emergency number of a conversation started now; null for the channel's default).
     */
    public Turn send(String channel, String user, Input input, String userLocale) {
        String locale = userLocale == null ? this.locale : userLocale;
        if (input.isPayload() && input.payload().length() > limits.maxTextLength()) {
            throw new BadInputException("a button payload is longer than " + limits.maxTextLength() + " characters");
        }
        if (!input.isPayload() && input.text().length() > limits.maxTextLength()) {
            return notTaken(input, locale);
        }
        try {
            perUser.take(channel + ":" + user);
        } catch (RateLimitedException limited) {
            // Safety first: an emergency or urgent message is answered over the limit until the advice is given.
            if (input.isPayload() || !answeredOverTheLimit(channel, user, input.text())) {
                throw limited;
            }
        }
        String key = channel + ":" + user;
        try {
            synchronized (lockFor(key)) {
                Input missed = unsaved.getIfPresent(key);
                if (missed != null && !missed.equals(input)) {
                    take(key, missed, locale);
                }
                unsaved.invalidate(key);
                return take(key, input, locale);
            }
        } catch (StoreUnavailableException e) {
            var carrying = e.withAdvice(engine.escalationWithoutStore(input, locale));
            if (carrying.advice().isPresent()) {
                unsaved.put(key, input);
            }
            throw carrying;
        }
    }

    private Turn take(String key, Input input, String locale) {
        Optional<String> id = links.linked(key);
        if (id.isPresent()) {
            try {
                Turn turn = engine.handle(id.get(), input);
                links.link(key, id.get());
                return turn;
            } catch (NotFoundException expired) {
                return begin(key, input, id.get(), locale);
            }
        }
        return begin(key, input, null, locale);
    }

    /**
     * Takes a delivery from a platform that delivers again until it is acknowledged (Telegram, Slack) once: the turn,
     * or empty when any of its ids (a Telegram update id; a Slack event id and message id) was taken before, on any
     * instance sharing the store. When the store cannot be reached, the delivery is not taken (its ids are given
     * back where that is possible) and the {@link StoreUnavailableException}, carrying any escalation advice, tells
     * the channel to answer the platform with a 5xx so that it delivers again.
     */
    public Optional<Turn> once(String channel, List<String> deliveryIds, Supplier<Turn> turn) {
        var taken = new ArrayList<String>();
        boolean first = true;
        for (String id : deliveryIds) {
            String key = channel + ":" + id;
            try {
                if (links.claim(key)) {
                    taken.add(key);
                } else {
                    first = false;
                }
            } catch (StoreUnavailableException e) {
                // Whether it came before cannot be told: take it, and the turn meets the same outage below. A
                // frozen store may still make the claim when it wakes, so it is given back with the others.
                LOG.debug("cannot claim a {} delivery: {}", channel, e.getMessage());
                taken.add(key);
            }
        }
        if (!first) {
            return Optional.empty();
        }
        try {
            return Optional.of(turn.get());
        } catch (StoreUnavailableException e) {
            giveBack(taken);
            throw e;
        }
    }

    private void giveBack(List<String> taken) {
        for (String key : taken) {
            try {
                links.release(key);
            } catch (StoreUnavailableException e) {
                LOG.warn("cannot give back {} after an outage; a redelivery will be ignored: {}", LogIds.of(key),
                        e.getMessage());
            }
        }
    }

    /**
     * The answer to a message too long to take as a turn, the same on every channel: the advice for any red flag in
     * it (it is screened all the same), then a request to split it. The conversation is unchanged.
     */
    private Turn notTaken(Input input, String locale) {
        Optional<Turn> advice = engine.escalationWithoutStore(input, locale);
        var messages = new ArrayList<Message>(advice.map(Turn::messages).orElse(List.of()));
        messages.add(Message.of(Message.TEXT, Notices.tooLong(limits.maxTextLength())));
        return new Turn(null, messages, List.of(), null, advice.map(Turn::triage).orElse(null), null,
                advice.map(Turn::redFlags).orElse(List.of()));
    }

    /**
     * What a chat user over their limit is told: once a minute, so a flood of messages is not answered with a flood
     * of notices; empty when they were told already.
     */
    public Optional<Turn> slowDown(String channel, String user, RateLimitedException limited) {
        if (toldToSlowDown.asMap().putIfAbsent(channel + ":" + user, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        return Optional.of(new Turn(null, List.of(Message.of(Message.TEXT,
                Notices.slowDown(limited.retryAfterSeconds()))), List.of(), null, null, null, List.of()));
    }

    /**
     * Runs a channel's handling of one user's message while no other message of that user is handled (on this
     * instance): a channel that queues the reply inside it keeps replies in the order of the turns.
     */
    public void inOrder(String channel, String user, Runnable work) {
        synchronized (lockFor(channel + ":" + user)) {
            work.run();
        }
    }

    /** The ordered outbound queue of a channel, its final failures counted under the channel's name. */
    public Deliveries deliveries(String channel, Executor executor) {
        return new Deliveries(executor, () -> replyFailed.accept(channel));
    }

    /** The holds timed on chat channels: a turn that starts one ends with a "time's up" to that user. */
    public ChatTimers timers() {
        return timers;
    }

    /**
     * Whether a user's message is answered even over a rate limit: it raises an emergency or urgent flag and the
     * user's conversation has not escalated yet (once it has, the advice has been given).
     */
    private boolean answeredOverTheLimit(String channel, String user, String text) {
        if (!engine.stops(text)) {
            return false;
        }
        try {
            return links.linked(channel + ":" + user).map(id -> !engine.escalated(id)).orElse(true);
        } catch (NotFoundException expired) {
            return true;
        }
    }

    /** Starts a new conversation for a user, forgetting any earlier one. */
    public Turn restart(String channel, String user) {
        return restart(channel, user, locale);
    }

    /** Starts a new conversation for a user in their locale (null for the channel's default). */
    public Turn restart(String channel, String user, String userLocale) {
        String locale = userLocale == null ? this.locale : userLocale;
        String key = channel + ":" + user;
        synchronized (lockFor(key)) {
            Turn greeting = engine.start(locale);
            links.link(key, greeting.conversationId());
            return greeting;
        }
    }

    /**
     * Starts the user's conversation and answers the message in it, unless another instance linked one first (then
     * the message goes there, and the conversation started here is dropped). {@code expired} is the conversation the
     * user was linked to before, or null.
     */
    private Turn begin(String key, Input input, String expired, String locale) {
        Turn greeting = engine.start(locale);
        String started = greeting.conversationId();
        boolean linked = expired == null ? links.linkIfAbsent(key, started) : links.relink(key, expired, started);
        if (!linked) {
            engine.delete(started);
            String winner = links.linked(key).orElseThrow(() -> new StoreUnavailableException(
                    "the link of " + key + " changed while it was read; try again"));
            return engine.handle(winner, input);
        }
        // A button pressed in a conversation that has expired belongs to it, not to the new one: only the greeting.
        boolean staleButton = input.isPayload() && expired != null;
        return staleButton || isGreeting(input) ? greeting : merge(greeting, engine.handle(started, input));
    }

    private Object lockFor(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private static boolean isGreeting(Input input) {
        return input.text() != null && input.text().strip().equalsIgnoreCase("/start");
    }

    /**
     * The greeting followed by the answer to the first message, as one turn; just the answer when it already ends
     * with the greeting (a question answered first goes "back to where we were": the greeting), so it is said once,
     * and when it escalates: someone whose first words are an emergency hears the advice first and alone, not "Where
     * does it bother you?" before it.
     */
    private static Turn merge(Turn greeting, Turn answer) {
        if (answer.messages().stream().anyMatch(m -> Message.ESCALATION.equals(m.kind()))) {
            return answer;
        }
        List<String> greetingTexts = greeting.messages().stream().map(Message::text).toList();
        List<String> answerTexts = answer.messages().stream().map(Message::text).toList();
        if (answerTexts.size() >= greetingTexts.size() && answerTexts.subList(answerTexts.size()
                - greetingTexts.size(), answerTexts.size()).equals(greetingTexts)) {
            return answer;
        }
        var messages = new ArrayList<>(greeting.messages());
        messages.addAll(answer.messages());
        return new Turn(answer.conversationId(), messages, answer.quickReplies(), answer.state(), answer.triage(),
                answer.nlu(), answer.redFlags());
    }
}
