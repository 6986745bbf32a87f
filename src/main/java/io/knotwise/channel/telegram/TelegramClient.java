package io.knotwise.channel.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.knotwise.PlatformCallException;
import io.knotwise.channel.PlatformCalls;
import io.knotwise.channel.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls the Telegram Bot API ({@code sendMessage}, {@code answerCallbackQuery}, {@code setWebhook}). Thread-safe. */
public final class TelegramClient {

    private static final ObjectMapper JSON = Json.mapper();

    private final TelegramSettings settings;
    private final PlatformCalls calls;

    public TelegramClient(TelegramSettings settings) {
        this(settings, new PlatformCalls(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()));
    }

    public TelegramClient(TelegramSettings settings, PlatformCalls calls) {
        this.settings = settings;
        this.calls = calls;
    }

    /**
     * Calls one Bot API method with a JSON body, again where Telegram asks to wait ({@link PlatformCalls}); a failure
     * says which method, never the token.
     */
    public void call(String method, Map<String, Object> body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(settings.apiBase() + "/bot" + settings.botToken() + "/"
                            + method))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = calls.send(request);
            if (response.statusCode() / 100 != 2) {
                throw new PlatformCallException("Telegram " + method + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new PlatformCallException("Telegram " + method + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallException("Telegram " + method + " was interrupted", e);
        }
    }
}
