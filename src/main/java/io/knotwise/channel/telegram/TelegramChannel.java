package io.knotwise.channel.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.KnotwiseException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.Deliveries;
import io.knotwise.channel.Outbox;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram channel: {@code POST /webhooks/telegram} takes Bot API updates (text messages and button presses),
 * checks the secret-token header in constant time, takes each {@code update_id} once, and answers with
 * {@code sendMessage} (buttons as an {@code inline_keyboard}) after acknowledging the update, a chat's replies in the
 * order of its turns (retried where Telegram asks to wait). An update that meets
 * an unreachable store is not acknowledged (Telegram delivers it again), but an emergency's advice is sent at once.
 * Thread-safe.
 */
public final class TelegramChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Telegram's limit on a button's callback_data, in bytes. */
    private static final int MAX_CALLBACK_BYTES = 64;
    private static final int BUTTONS_PER_ROW = 2;

    private final TelegramSettings settings;
    private final ChannelConversations conversations;
    private final TelegramClient client;
    private final Deliveries deliveries;
    /** Enough stripes that different chats rarely wait for each other. */
    private final Object[] locks = new Object[256];
    /** Payloads too long for callback_data, by the short key sent instead. */
    private final Cache<String, String> longPayloads = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2)).maximumSize(100_000).build();

    public TelegramChannel(TelegramSettings settings, ChannelConversations conversations, TelegramClient client,
                           ExecutorService work) {
        this.settings = settings;
        this.conversations = conversations;
        this.client = client;
        this.deliveries = new Deliveries(work);
        Arrays.setAll(locks, i -> new Object());
    }

    public void routes(RoutesConfig routes) {
        routes.post("/webhooks/telegram", this::webhook);
    }

    private void webhook(Context ctx) {
        String secret = ctx.header(SECRET_HEADER);
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                settings.secretToken().getBytes(StandardCharsets.UTF_8))) {
            ctx.status(401).contentType("application/json")
                    .result("{\"error\":{\"code\":\"unauthorized\",\"message\":\"missing or wrong secret token\"}}");
            return;
        }
        JsonNode update = read(ctx);
        Incoming incoming = update == null || !update.has("update_id") ? null : incoming(update);
        if (incoming == null) {
            acknowledge(ctx);
            return;
        }
        String updateId = update.get("update_id").asText();
        String chat = Long.toString(incoming.chat());
        // One update of a chat at a time, its reply queued before the next is taken: replies keep the turns' order.
        synchronized (locks[Math.floorMod(chat.hashCode(), locks.length)]) {
            Optional<Turn> turn;
            try {
                turn = conversations.once("telegram", List.of(updateId), () -> take(incoming));
            } catch (StoreUnavailableException e) {
                // Not acknowledged, so Telegram delivers it again; an emergency's advice goes out now all the same.
                LOG.warn("Telegram update {} waits for the store: {}", updateId, e.getMessage());
                e.advice().ifPresent(advice -> deliveries.send(chat, "the reply to Telegram update " + updateId,
                        () -> reply(incoming.chat(), advice)));
                ctx.status(503).contentType("application/json").result("{\"error\":{\"code\":\"store_unavailable\","
                        + "\"message\":\"conversations are unreachable for a moment; deliver the update again\"}}");
                return;
            } catch (KnotwiseException e) {
                // Refused on purpose: a message the guide does not take.
                LOG.warn("Telegram update {} was not answered: {}", updateId, e.getMessage());
                acknowledge(ctx);
                return;
            }
            turn.ifPresent(t -> deliveries.send(chat, "the reply to Telegram update " + updateId, () -> {
                if (incoming.callbackQuery() != null) {
                    client.call("answerCallbackQuery", Map.of("callback_query_id", incoming.callbackQuery()));
                }
                reply(incoming.chat(), t);
            }));
        }
        acknowledge(ctx);
    }

    private static void acknowledge(Context ctx) {
        ctx.status(200).contentType("application/json").result("{\"ok\":true}");
    }

    /** The update as JSON, read as UTF-8 whatever charset the Content-Type names; anything else is a 400. */
    private static JsonNode read(Context ctx) {
        try {
            return JSON.readTree(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadInputException("the update is not valid JSON");
        }
    }

    /**
     * What an update asks of the guide: a message or a button press in a chat (with the id of the press, to answer
     * it), or null for anything else. {@code input} null means "/start": begin again.
     */
    private record Incoming(long chat, Input input, String callbackQuery) {
    }

    private Incoming incoming(JsonNode update) {
        if (update.has("callback_query")) {
            JsonNode query = update.get("callback_query");
            String queryId = query.path("id").asText("");
            long chat = query.path("message").path("chat").path("id").asLong();
            String data = query.path("data").asText("");
            String payload = data.startsWith("#") ? longPayloads.getIfPresent(data) : data;
            return payload != null && payload.startsWith("/")
                    ? new Incoming(chat, Input.payload(payload), queryId.isEmpty() ? null : queryId) : null;
        }
        if (update.path("message").has("text")) {
            JsonNode message = update.get("message");
            String text = message.get("text").asText();
            return new Incoming(message.path("chat").path("id").asLong(),
                    text.strip().equals("/start") ? null : Input.text(text), null);
        }
        return null;
    }

    private Turn take(Incoming incoming) {
        String user = Long.toString(incoming.chat());
        return incoming.input() == null ? conversations.restart("telegram", user)
                : conversations.send("telegram", user, incoming.input());
    }

    /** One Telegram message per guide message; the buttons go with the last one. */
    private void reply(long chat, Turn turn) {
        for (Outbox message : Outbox.of(turn)) {
            var body = new LinkedHashMap<String, Object>();
            body.put("chat_id", chat);
            body.put("text", message.text());
            if (!message.buttons().isEmpty()) {
                body.put("reply_markup", Map.of("inline_keyboard", keyboard(message.buttons())));
            }
            client.call("sendMessage", body);
        }
    }

    private List<List<Map<String, String>>> keyboard(List<QuickReply> replies) {
        var rows = new ArrayList<List<Map<String, String>>>();
        for (int i = 0; i < replies.size(); i += BUTTONS_PER_ROW) {
            rows.add(replies.subList(i, Math.min(i + BUTTONS_PER_ROW, replies.size())).stream()
                    .map(q -> Map.of("text", q.title(), "callback_data", callbackData(q.payload().text()))).toList());
        }
        return rows;
    }

    /** The payload itself when it fits in 64 bytes (spaces dropped), else a short key remembered for two days. */
    String callbackData(String payload) {
        String compact = payload.replace(" ", "");
        if (compact.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_BYTES) {
            return compact;
        }
        String key = "#" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        longPayloads.put(key, compact);
        return key;
    }

    /** Registers this guide's webhook with the Bot API, with the secret token Telegram will send back. */
    public void registerWebhook(String url) {
        client.call("setWebhook", Map.of("url", url, "secret_token", settings.secretToken(),
                "allowed_updates", List.of("message", "callback_query")));
    }
}
