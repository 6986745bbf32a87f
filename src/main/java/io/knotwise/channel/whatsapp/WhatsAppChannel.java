package io.knotwise.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
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
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Cloud API channel: {@code GET /webhooks/whatsapp} answers Meta's verification handshake, and
 * {@code POST /webhooks/whatsapp} takes message notifications signed with the app secret ({@code X-Hub-Signature-256},
 * refused otherwise): text, reply-button and list replies, each message id once; status notifications are
 * ignored. Replies go out per user in turn order, buttons as reply buttons or a list. A number's country code picks
 * the locale (so the emergency number). Thread-safe.
 */
public final class WhatsAppChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppChannel.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** Country calling codes of the locales the guide knows, longest first. */
    private static final List<Map.Entry<String, String>> LOCALES = List.of(Map.entry("353", "en-IE"),
            Map.entry("44", "en-GB"), Map.entry("1", "en-US"), Map.entry("61", "en-AU"), Map.entry("64", "en-NZ"));
    /** A number from a country the guide has no locale for: told the number most phones anywhere connect, 112. */
    private static final String ELSEWHERE = "en";

    private final WhatsAppSettings settings;
    private final WhatsAppSignature signature;
    private final ChannelConversations conversations;
    private final WhatsAppClient client;
    private final Deliveries deliveries;

    public WhatsAppChannel(WhatsAppSettings settings, ChannelConversations conversations, ExecutorService work) {
        this(settings, conversations, new WhatsAppClient(settings), work);
    }

    WhatsAppChannel(WhatsAppSettings settings, ChannelConversations conversations, WhatsAppClient client,
                    ExecutorService work) {
        this.settings = settings;
        this.signature = new WhatsAppSignature(settings.appSecret());
        this.conversations = conversations;
        this.client = client;
        this.deliveries = conversations.deliveries("whatsapp", work);
    }

    public void routes(RoutesConfig routes) {
        routes.get("/webhooks/whatsapp", this::verify);
        routes.post("/webhooks/whatsapp", this::notification);
    }

    /** Meta's handshake: the challenge echoed when the mode is subscribe and the verify token matches. */
    private void verify(Context ctx) {
        String token = ctx.queryParam("hub.verify_token");
        String challenge = ctx.queryParam("hub.challenge");
        if (!"subscribe".equals(ctx.queryParam("hub.mode")) || token == null || challenge == null
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        settings.verifyToken().getBytes(StandardCharsets.UTF_8))) {
            throw new UnverifiedRequestException("wrong or missing hub.mode or hub.verify_token");
        }
        ctx.status(200).contentType("text/plain").result(challenge);
    }

    private void notification(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (!signature.matches(ctx.header("X-Hub-Signature-256"), body)) {
            throw new UnverifiedRequestException("missing or wrong X-Hub-Signature-256");
        }
        JsonNode root = Json.read(body);
        if (!root.isObject()) {
            throw new BadInputException("the notification must be a JSON object");
        }
        // A store outage is thrown on (503), so Meta delivers the notification again; each message is taken once.
        messages(root).forEach(this::take);
        ctx.status(200).contentType("application/json").result("{\"ok\":true}");
    }

    /** One user's message: who, its id, the input (null when it is not one the guide can read) and the locale. */
    private record Incoming(String from, String id, Input input, String locale) {
    }

    private List<Incoming> messages(JsonNode root) {
        var found = new ArrayList<Incoming>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                // Status notifications (sent, delivered, read) carry "statuses" instead of "messages".
                for (JsonNode message : change.path("value").path("messages")) {
                    String from = message.path("from").asText("");
                    String id = message.path("id").asText("");
                    if (from.matches("\\d{5,20}") && !id.isBlank()) {
                        found.add(new Incoming(from, id, input(message), locale(from)));
                    }
                }
            }
        }
        return found;
    }

    private static Input input(JsonNode message) {
        switch (message.path("type").asText("")) {
            case "text" -> {
                String body = message.path("text").path("body").asText("");
                return body.isBlank() ? null : Input.text(body);
            }
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.get("button_reply")
                        : interactive.path("list_reply");
                String id = reply.path("id").asText("");
                return id.startsWith("/") ? Input.payload(id) : null;
            }
            // A photo, video or file: its caption is what the user typed (screened like any message).
            case "image", "video", "document" -> {
                String caption = message.path(message.path("type").asText()).path("caption").asText("");
                return caption.isBlank() ? null : Input.text(caption);
            }
            case "button" -> {
                String text = message.path("button").path("text").asText("");
                return text.isBlank() ? null : Input.text(text);
            }
            default -> {
                return null;
            }
        }
    }

    private static String locale(String number) {
        return LOCALES.stream().filter(code -> number.startsWith(code.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(ELSEWHERE);
    }

    /** Takes one message once; throws when the store cannot be reached, after sending any emergency advice. */
    private void take(Incoming incoming) {
        String user = incoming.from();
        conversations.inOrder("whatsapp", user, () -> {
            conversations.timers().cancel("whatsapp", user);
            if (incoming.input() == null) {
                deliveries.send(user, "a WhatsApp notice",
                        () -> client.send(user, new Outbox(Notices.NOT_TEXT, List.of())));
                return;
            }
            Optional<Turn> turn;
            try {
                turn = conversations.once("whatsapp", List.of(incoming.id()),
                        () -> conversations.send("whatsapp", user, incoming.input(), incoming.locale()));
            } catch (StoreUnavailableException e) {
                LOG.warn("a WhatsApp message waits for the store: {}", e.getMessage());
                e.advice().ifPresent(advice -> deliveries.send(user, "a WhatsApp reply", () -> reply(user, advice)));
                throw e;
            } catch (RateLimitedException e) {
                conversations.slowDown("whatsapp", user, e).ifPresent(notice -> deliveries.send(user,
                        "a WhatsApp slow-down notice", () -> reply(user, notice)));
                return;
            } catch (KnotwiseException e) {
                LOG.warn("a WhatsApp message was not answered: {}", e.getMessage());
                return;
            }
            turn.ifPresent(t -> {
                deliveries.send(user, "a WhatsApp reply", () -> reply(user, t));
                conversations.timers().after("whatsapp", user, t, () -> deliveries.send(user, "a time's up on WhatsApp",
                        () -> reply(user, ChatTimers.timesUp())));
            });
        });
    }

    private void reply(String user, Turn turn) {
        Outbox.of(turn).forEach(message -> client.send(user, message));
    }

}
