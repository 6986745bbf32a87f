package io.knotwise.channel.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knotwise.PlatformCallException;
import io.knotwise.channel.Outbox;
import io.knotwise.channel.PlatformCalls;
import io.knotwise.channel.http.Json;
import io.knotwise.dialog.QuickReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Sends the guide's messages through the WhatsApp Cloud API ({@code POST /{phone-number-id}/messages}): plain text,
 * reply buttons (at most 3, titles of at most 20 characters) or, for more options or longer titles, a list message
 * (at most 10 rows); retried where Meta asks to wait ({@link PlatformCalls}). Thread-safe; never logs the token.
 */
final class WhatsAppClient {

    static final int MAX_TEXT = 4096;
    static final int MAX_INTERACTIVE_BODY = 1024;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_ROWS = 10;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;
    private static final String LIST_BUTTON = "Choose";
    private static final String CHOOSE_BODY = "Choose one:";
    /**
     * A step's controls that get WhatsApp's three buttons, in this order: moving on, timing the hold and stopping
     * are one tap; the others (back, repeat) are named for typing, rather than hiding every control behind a list.
     */
    private static final List<String> BUTTONED_CONTROLS = List.of("/next", "/start_timer", "/stop");
    private static final ObjectMapper JSON = Json.mapper();

    private final WhatsAppSettings settings;
    private final PlatformCalls calls;

    WhatsAppClient(WhatsAppSettings settings) {
        this(settings, new PlatformCalls(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    WhatsAppClient(WhatsAppSettings settings, PlatformCalls calls) {
        this.settings = settings;
        this.calls = calls;
    }

    /** Sends one guide message to a WhatsApp user, its buttons as reply buttons or a list. */
    void send(String to, Outbox message) {
        List<QuickReply> buttons = message.buttons();
        if (buttons.isEmpty()) {
            Outbox.split(message.text(), MAX_TEXT).forEach(part -> post(text(to, part)));
            return;
        }
        String body = message.text();
        if (buttons.size() > MAX_BUTTONS && buttons.stream().anyMatch(b -> b.payload().text().equals("/next"))) {
            List<QuickReply> typed = buttons.stream()
                    .filter(b -> !BUTTONED_CONTROLS.contains(b.payload().text())).toList();
            buttons = buttons.stream().filter(b -> BUTTONED_CONTROLS.contains(b.payload().text()))
                    .sorted(Comparator.comparingInt(b -> BUTTONED_CONTROLS.indexOf(b.payload().text())))
                    .toList();
            if (!typed.isEmpty()) {
                body = body + "\n\n(Or type: " + String.join(", ", typed.stream().map(QuickReply::title).toList())
                        .toLowerCase(Locale.ROOT) + ".)";
            }
        }
        if (body.length() > MAX_INTERACTIVE_BODY) {
            Outbox.split(body, MAX_TEXT).forEach(part -> post(text(to, part)));
            body = CHOOSE_BODY;
        }
        boolean fitButtons = buttons.size() <= MAX_BUTTONS
                && buttons.stream().allMatch(b -> b.title().length() <= MAX_BUTTON_TITLE);
        post(fitButtons ? replyButtons(to, body, buttons) : list(to, body, buttons));
    }

    private static ObjectNode envelope(String to, String type) {
        return JSON.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", to).put("type", type);
    }

    private static ObjectNode text(String to, String text) {
        ObjectNode message = envelope(to, "text");
        message.putObject("text").put("preview_url", false).put("body", text);
        return message;
    }

    private static ObjectNode replyButtons(String to, String body, List<QuickReply> buttons) {
        ObjectNode message = envelope(to, "interactive");
        ObjectNode interactive = message.putObject("interactive").put("type", "button");
        interactive.putObject("body").put("text", body);
        ArrayNode replies = interactive.putObject("action").putArray("buttons");
        for (QuickReply button : buttons) {
            replies.addObject().put("type", "reply").putObject("reply")
                    .put("id", button.payload().text()).put("title", button.title());
        }
        return message;
    }

    private static ObjectNode list(String to, String body, List<QuickReply> buttons) {
        ObjectNode message = envelope(to, "interactive");
        ObjectNode interactive = message.putObject("interactive").put("type", "list");
        interactive.putObject("body").put("text", body);
        ObjectNode action = interactive.putObject("action").put("button", LIST_BUTTON);
        ArrayNode rows = action.putArray("sections").addObject().put("title", "Options").putArray("rows");
        for (QuickReply button : buttons.subList(0, Math.min(MAX_ROWS, buttons.size()))) {
            ObjectNode row = rows.addObject().put("id", button.payload().text())
                    .put("title", shortened(button.title(), MAX_ROW_TITLE));
            if (button.title().length() > MAX_ROW_TITLE) {
                row.put("description", shortened(button.title(), MAX_ROW_DESCRIPTION));
            }
        }
        return message;
    }

    private static String shortened(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1).stripTrailing() + "…";
    }

    private void post(ObjectNode message) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apiBase() + "/"
                            + settings.phoneNumberId() + "/messages"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + settings.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)))
                    .build();
            HttpResponse<String> response = calls.send(request);
            if (response.statusCode() / 100 != 2) {
                throw new PlatformCallException("WhatsApp messages answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new PlatformCallException("WhatsApp messages failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallException("WhatsApp messages was interrupted", e);
        }
    }
}
