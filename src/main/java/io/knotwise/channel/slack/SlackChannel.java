package io.knotwise.channel.slack;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.engine.Turn;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack as a channel: the Events API and interactivity webhooks, each verified against the signing secret before
 * anything is read, acknowledged at once (Slack retries after three seconds), then answered on the executor by
 * posting the guide's turn back to the channel. A retried event is answered once. Thread-safe.
 */
public final class SlackChannel {

    static final String CHANNEL = "slack";
    private static final Logger LOG = LoggerFactory.getLogger(SlackChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackSignature signature;
    private final ChannelConversations conversations;
    private final SlackClient client;
    private final ExecutorService executor;
    private final SlackPayloads payloads = new SlackPayloads(JSON);

    /** @param executor where the guide's answers are worked out and posted, after Slack has been answered */
    public SlackChannel(SlackSettings settings, ChannelConversations conversations, SlackClient client,
                        ExecutorService executor, Clock clock) {
        this.signature = new SlackSignature(settings.signingSecret(), clock);
        this.conversations = conversations;
        this.client = client;
        this.executor = executor;
    }

    /** Registers {@code POST /webhooks/slack/events} and {@code POST /webhooks/slack/interactions}. */
    public void routes(RoutesConfig routes) {
        routes.post("/webhooks/slack/events", this::event);
        routes.post("/webhooks/slack/interactions", this::interaction);
        routes.exception(UnverifiedRequestException.class,
                (e, ctx) -> error(ctx, 401, "unauthorized", e.getMessage()));
    }

    private void event(Context ctx) {
        JsonNode body = payloads.object(verifiedBody(ctx));
        String type = body.path("type").asText();
        if (type.equals("url_verification")) {
            respond(ctx, 200, Map.of("challenge", body.path("challenge").asText()));
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

    private void answerLater(Context ctx, Optional<InboundMessage> message) {
        if (message.isEmpty()) {
            ctx.status(200);
            return;
        }
        try {
            executor.execute(() -> answer(message.get()));
            ctx.status(200);
        } catch (RejectedExecutionException e) {
            // Not taken on: a 5xx makes Slack deliver the event again later.
            error(ctx, 503, "unavailable", "the Slack channel is shutting down; try again later");
        }
    }

    private void answer(InboundMessage message) {
        boolean first = true;
        for (String id : message.deliveryIds()) {
            first &= conversations.firstTime(CHANNEL, id);
        }
        if (!first) {
            return;
        }
        try {
            Turn turn = conversations.send(CHANNEL, message.conversationUser(), message.input());
            client.post(message.channel(), turn);
        } catch (BadInputException | SlackApiException e) {
            LOG.warn("could not answer a Slack message in {}: {}", message.channel(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("could not answer a Slack message in {}", message.channel(), e);
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        respond(ctx, status, Map.of("error", error));
    }

    private static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
