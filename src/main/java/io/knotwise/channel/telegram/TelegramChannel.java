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
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.Outbox;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram channel: {@code POST /webhooks/telegram} takes Bot API updates (text messages and button presses),
 * checks the secret-token header in constant time, processes each {@code update_id} once, and answers with
 * {@code sendMessage} (buttons as an {@code inline_keyboard}) after acknowledging the update. Thread-safe.
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
    private final ExecutorService work;
    /** Payloads too long for callback_data, by the short key sent instead. */
    private final Cache<String, String> longPayloads = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2)).maximumSize(100_000).build();

    public TelegramChannel(TelegramSettings settings, ChannelConversations conversations, TelegramClient client,
                           ExecutorService work) {
        this.settings = settings;
        this.conversations = conversations;
        this.client = client;
        this.work = work;
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
        ctx.status(200).contentType("application/json").result("{\"ok\":true}");
        if (update == null || !update.has("update_id") || !conversations.firstTime("telegram",
                update.get("update_id").asText())) {
            return;
        }
        work.execute(() -> {
            try {
                process(update);
            } catch (KnotwiseException e) {
                // Refused on purpose (a message the guide does not take) or the Bot API could not be reached.
                LOG.warn("Telegram update {} was not answered: {}", update.get("update_id").asText(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Telegram update {} failed", update.get("update_id").asText(), e);
            }
        });
    }

    /** The update as JSON, read as UTF-8 whatever charset the Content-Type names; anything else is a 400. */
    private static JsonNode read(Context ctx) {
        try {
            return JSON.readTree(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadInputException("the update is not valid JSON");
        }
    }

    private void process(JsonNode update) {
        if (update.has("callback_query")) {
            JsonNode query = update.get("callback_query");
            String queryId = query.path("id").asText("");
            if (!queryId.isEmpty()) {
                client.call("answerCallbackQuery", Map.of("callback_query_id", queryId));
            }
            long chat = query.path("message").path("chat").path("id").asLong();
            String data = query.path("data").asText("");
            String payload = data.startsWith("#") ? longPayloads.getIfPresent(data) : data;
            if (payload != null && payload.startsWith("/")) {
                reply(chat, conversations.send("telegram", Long.toString(chat), Input.payload(payload)));
            }
        } else if (update.path("message").has("text")) {
            JsonNode message = update.get("message");
            long chat = message.path("chat").path("id").asLong();
            String text = message.get("text").asText();
            Turn turn = text.strip().equals("/start")
                    ? conversations.restart("telegram", Long.toString(chat))
                    : conversations.send("telegram", Long.toString(chat), Input.text(text));
            reply(chat, turn);
        }
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
                    .map(q -> Map.of("text", q.title(), "callback_data", callbackData(q.payload()))).toList());
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
