package io.knotwise.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.KnotwiseException;
import io.knotwise.RateLimitedException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.UnverifiedRequestException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.channel.Deliveries;
import io.knotwise.channel.Notices;
import io.knotwise.channel.Outbox;
import io.knotwise.channel.http.Json;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
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
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Telegram's limit on a button's callback_data, in bytes. */
    private static final int MAX_CALLBACK_BYTES = 64;
    private static final int BUTTONS_PER_ROW = 2;
    /** Telegram's limit on a message's text, in UTF-16 code units. */
    static final int MAX_MESSAGE_LENGTH = 4096;
    /** "/start", "/start@SomeBot" and deep links ("/start campaign42"): begin again. */
    private static final Pattern START = Pattern.compile("/start(@\\w+)?(\\s+\\S*)?", Pattern.CASE_INSENSITIVE);

    private final TelegramSettings settings;
    private final ChannelConversations conversations;
    private final TelegramClient client;
    private final Deliveries deliveries;
    /** Payloads too long for callback_data, by the short key sent instead. */
    private final Cache<String, String> longPayloads = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2)).maximumSize(100_000).build();

    public TelegramChannel(TelegramSettings settings, ChannelConversations conversations, TelegramClient client,
                           ExecutorService work) {
        this.settings = settings;
        this.conversations = conversations;
        this.client = client;
        // Registering the webhook needs no conversations.
        this.deliveries = conversations == null ? new Deliveries(work) : conversations.deliveries("telegram", work);
    }

    public void routes(RoutesConfig routes) {
        routes.post("/webhooks/telegram", this::webhook);
    }

    private void webhook(Context ctx) {
        String secret = ctx.header(SECRET_HEADER);
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                settings.secretToken().getBytes(StandardCharsets.UTF_8))) {
            throw new UnverifiedRequestException("missing or wrong secret token");
        }
        JsonNode update = read(ctx);
        Incoming incoming = update == null || !update.has("update_id") ? null : incoming(update);
        if (incoming == null) {
            acknowledge(ctx);
            return;
        }
        String updateId = update.get("update_id").asText();
        String chat = Long.toString(incoming.chat());
        if (incoming.notice() != null) {
            // Not a turn: a message without text is told what the guide can read.
            deliveries.send(chat, "the notice for Telegram update " + updateId,
                    () -> send(incoming.chat(), incoming.notice(), List.of()));
            acknowledge(ctx);
            return;
        }
        // One update of a chat at a time, its reply queued before the next is taken: replies keep the turns' order.
        conversations.inOrder("telegram", chat, () -> {
            conversations.timers().cancel("telegram", chat);
            Optional<Turn> turn;
            try {
                turn = conversations.once("telegram", List.of(updateId), () -> take(incoming));
            } catch (StoreUnavailableException e) {
                // Not acknowledged, so Telegram delivers it again; an emergency's advice goes out now all the same.
                LOG.warn("Telegram update {} waits for the store: {}", updateId, e.getMessage());
                e.advice().ifPresent(advice -> deliveries.send(chat, "the reply to Telegram update " + updateId,
                        () -> reply(incoming.chat(), advice)));
                throw e;
            } catch (RateLimitedException e) {
                conversations.slowDown("telegram", chat, e).ifPresent(notice -> deliveries.send(chat,
                        "a slow-down notice in Telegram", () -> reply(incoming.chat(), notice)));
                return;
            } catch (KnotwiseException e) {
                // Refused on purpose: a message the guide does not take.
                LOG.warn("Telegram update {} was not answered: {}", updateId, e.getMessage());
                return;
            }
            turn.ifPresent(t -> deliveries.send(chat, "the reply to Telegram update " + updateId, () -> {
                if (incoming.callbackQuery() != null) {
                    client.call("answerCallbackQuery", Map.of("callback_query_id", incoming.callbackQuery()));
                }
                reply(incoming.chat(), t);
            }));
            turn.ifPresent(t -> conversations.timers().after("telegram", chat, t, () -> deliveries.send(chat,
                    "a time's up in Telegram",
                    () -> send(incoming.chat(), ChatTimers.TIMES_UP, List.of()))));
        });
        acknowledge(ctx);
    }

    private static void acknowledge(Context ctx) {
        ctx.status(200).contentType("application/json").result("{\"ok\":true}");
    }

    /** The update as JSON, read as UTF-8 whatever charset the Content-Type names; anything else is a 400. */
    private static JsonNode read(Context ctx) {
        return Json.read(ctx.bodyAsBytes());
    }

    /**
     * What an update asks of the guide: a message or a button press in a chat (with the id of the press, to answer
     * it, and the user's locale where Telegram gives a region), or null for anything else. {@code input} null means
     * "/start": begin again; {@code notice} non-null means a message not taken as a turn, answered with that text.
     */
    private record Incoming(long chat, Input input, String callbackQuery, String locale, String notice) {
    }

    private Incoming incoming(JsonNode update) {
        if (update.has("callback_query")) {
            JsonNode query = update.get("callback_query");
            String queryId = query.path("id").asText("");
            JsonNode chatId = query.path("message").path("chat").path("id");
            if (!chatId.canConvertToLong()) {
                // A press with no chat to answer in is not a message to chat 0.
                return null;
            }
            long chat = chatId.asLong();
            String data = query.path("data").asText("");
            String payload = data.startsWith("#") ? longPayloads.getIfPresent(data) : data;
            return payload != null && payload.startsWith("/") ? new Incoming(chat, Input.payload(payload),
                    queryId.isEmpty() ? null : queryId, locale(query.path("from")), null) : null;
        }
        JsonNode message = update.path("message");
        if (!message.path("chat").path("id").canConvertToLong()) {
            return null;
        }
        long chat = message.get("chat").get("id").asLong();
        String locale = locale(message.path("from"));
        JsonNode text = message.has("text") ? message.get("text") : message.path("caption");
        if (!text.isTextual() || text.asText().isBlank()) {
            return new Incoming(chat, null, null, locale, Notices.NOT_TEXT);
        }
        String said = text.asText();
        if (START.matcher(said.strip()).matches()) {
            return new Incoming(chat, null, null, locale, null);
        }
        return new Incoming(chat, Input.text(said), null, locale, null);
    }

    /** The user's locale when Telegram's language code names a region ("en-US"), else null: the channel's default. */
    private static String locale(JsonNode from) {
        String code = from.path("language_code").asText("");
        return code.matches("[a-zA-Z]{2,3}-[a-zA-Z]{2}") ? code.substring(0, code.indexOf('-')).toLowerCase()
                + "-" + code.substring(code.indexOf('-') + 1).toUpperCase() : null;
    }

    private Turn take(Incoming incoming) {
        String user = Long.toString(incoming.chat());
        return incoming.input() == null ? conversations.restart("telegram", user, incoming.locale())
                : conversations.send("telegram", user, incoming.input(), incoming.locale());
    }

    /** One Telegram message per guide message; the buttons go with the last one. */
    private void reply(long chat, Turn turn) {
        for (Outbox message : Outbox.of(turn)) {
            send(chat, message.text(), message.buttons());
        }
    }

    /** Sends a text in as many messages as Telegram's length limit needs, the buttons with the last. */
    private void send(long chat, String text, List<QuickReply> buttons) {
        List<String> parts = Outbox.split(text, MAX_MESSAGE_LENGTH);
        for (int i = 0; i < parts.size(); i++) {
            var body = new LinkedHashMap<String, Object>();
            body.put("chat_id", chat);
            body.put("text", parts.get(i));
            if (i == parts.size() - 1 && !buttons.isEmpty()) {
                body.put("reply_markup", Map.of("inline_keyboard", keyboard(buttons)));
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
