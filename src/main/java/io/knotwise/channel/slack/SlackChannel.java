package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.RateLimitedException;
import io.knotwise.ShuttingDownException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.channel.Deliveries;
import io.knotwise.channel.http.Json;
import io.knotwise.engine.Turn;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack as a channel: the Events API and interactivity webhooks, each verified against the signing secret before
 * anything is read, taken as an engine turn and acknowledged (Slack retries after three seconds), then answered on
 * the executor by posting the guide's turn back to the channel. A retried event is answered once; one that meets an
 * unreachable store gets a 503 so that Slack delivers it again, with an emergency's advice posted at once. Thread-safe.
 */
public final class SlackChannel {

    static final String CHANNEL = "slack";
    private static final Logger LOG = LoggerFactory.getLogger(SlackChannel.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final SlackSignature signature;
    private final ChannelConversations conversations;
    private final SlackClient client;
    private final ExecutorService executor;
    private final Deliveries deliveries;
    /** Each user's locale from Slack ("" when Slack did not say), so it is asked once a day per user. */
    private final Cache<String, String> locales = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(100_000).build();
    private final SlackPayloads payloads = new SlackPayloads(JSON);

    /** @param executor where the guide's answers are worked out and posted, after Slack has been answered */
    public SlackChannel(SlackSettings settings, ChannelConversations conversations, SlackClient client,
                        ExecutorService executor, Clock clock) {
        this.signature = new SlackSignature(settings.signingSecret(), clock);
        this.conversations = conversations;
        this.client = client;
        this.executor = executor;
        this.deliveries = conversations.deliveries("slack", executor);
    }

    /** Registers {@code POST /webhooks/slack/events} and {@code POST /webhooks/slack/interactions}. */
    public void routes(RoutesConfig routes) {
        routes.post("/webhooks/slack/events", this::event);
        routes.post("/webhooks/slack/interactions", this::interaction);
    }

    private void event(Context ctx) {
        JsonNode body = payloads.object(verifiedBody(ctx));
        String type = body.path("type").asText();
        if (type.equals("url_verification")) {
            Json.respond(ctx, 200, Map.of("challenge", body.path("challenge").asText()));
        } else if (type.equals("event_callback")) {
            answerLater(ctx, payloads.event(body));
        } else {
            ctx.status(200);
        }
    }

    private void interaction(Context ctx) {
        answerLater(ctx, payloads.interaction(payloads.interactionPayload(verifiedBody(ctx))));
    }

    /** The raw body, read only once its signature proves it came from Slack. */
    private String verifiedBody(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        signature.verify(ctx.header("X-Slack-Request-Timestamp"), ctx.header("X-Slack-Signature"), raw);
        return new String(raw, UTF_8);
    }

    /**
     * Takes the guide's turn now (a turn is quick) and posts it on the executor. A message that meets an unreachable
     * store gets a 503, so Slack delivers it again, and an emergency's advice is posted at once all the same.
     */
    private void answerLater(Context ctx, Optional<InboundMessage> inbound) {
        if (inbound.isEmpty()) {
            ctx.status(200);
            return;
        }
        if (executor.isShutdown()) {
            // Not taken on: a 5xx makes Slack deliver the event again later.
            throw new ShuttingDownException("the Slack channel is shutting down; try again later");
        }
        InboundMessage message = inbound.get();
        // One message of a user at a time, its reply queued before the next is taken: replies keep the turns' order.
        conversations.inOrder(CHANNEL, message.conversationUser(), () -> {
            conversations.timers().cancel(CHANNEL, message.conversationUser());
            Optional<Turn> turn;
            try {
                turn = conversations.once(CHANNEL, message.deliveryIds(), () -> conversations.send(CHANNEL,
                        message.conversationUser(), message.input(), locale(message)));
            } catch (StoreUnavailableException e) {
                LOG.warn("a Slack message in {} waits for the store: {}", message.channel(), e.getMessage());
                e.advice().ifPresent(advice -> post(message, advice));
                throw e;
            } catch (RateLimitedException e) {
                conversations.slowDown(CHANNEL, message.conversationUser(), e).ifPresent(notice -> post(message,
                        notice));
                return;
            } catch (BadInputException e) {
                LOG.warn("could not answer a Slack message in {}: {}", message.channel(), e.getMessage());
                return;
            }
            turn.ifPresent(t -> post(message, t));
            turn.ifPresent(t -> conversations.timers().after(CHANNEL, message.conversationUser(), t, () -> deliveries
                    .send(message.channel(),
                    "a time's up in Slack channel " + message.channel(),
                    () -> client.post(message.channel(), message.thread(), ChatTimers.timesUp()))));
        });
        ctx.status(200);
    }

    /** The user's locale as Slack knows it, asked once a day per user; null for the channel's default. */
    private String locale(InboundMessage message) {
        String key = message.team() + ":" + message.user();
        String known = locales.getIfPresent(key);
        if (known == null) {
            known = client.locale(message.user()).orElse("");
            locales.put(key, known);
        }
        return known.isEmpty() ? null : known;
    }

    /** Posts off the request thread, each Slack channel's replies in the order of their turns. */
    private void post(InboundMessage message, Turn turn) {
        deliveries.send(message.channel(), "the reply in Slack channel " + message.channel(), () -> {
            InboundMessage.Pressed pressed = message.pressed();
            if (pressed != null) {
                try {
                    client.pressed(message.channel(), pressed.ts(), pressed.blocks(), pressed.title());
                } catch (SlackApiException e) {
                    // The answer matters more than the redrawn buttons.
                    LOG.warn("could not redraw a pressed message in {}: {}", message.channel(), e.getMessage());
                }
            }
            client.post(message.channel(), message.thread(), turn);
        });
    }
}
