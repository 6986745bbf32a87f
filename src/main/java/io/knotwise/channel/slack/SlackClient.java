package io.knotwise.channel.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.knotwise.channel.PlatformCalls;
import io.knotwise.channel.http.Json;
import io.knotwise.engine.Turn;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Posts the guide's turns to Slack through its Web API with the bot token, never logged or shown. Thread-safe. */
public final class SlackClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = Json.mapper();

    private final String apiBase;
    private final String botToken;
    private final PlatformCalls calls;
    private final SlackBlocks blocks = new SlackBlocks(JSON);

    public SlackClient(SlackSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    SlackClient(SlackSettings settings, HttpClient http) {
        this(settings, new PlatformCalls(http));
    }

    /** @param calls how calls are sent: again where Slack answers 429 (after its Retry-After) or fails on its side */
    public SlackClient(SlackSettings settings, PlatformCalls calls) {
        this.apiBase = settings.apiBase();
        this.botToken = settings.botToken();
        this.calls = calls;
    }

    /**
     * Posts a turn to a Slack channel as Block Kit messages, in a thread when one is given (null: the channel itself);
     * throws {@link SlackApiException} when Slack refuses.
     */
    public void post(String channel, String thread, Turn turn) {
        for (ObjectNode body : blocks.messages(channel, turn)) {
            if (thread != null) {
                body.put("thread_ts", thread);
            }
            call("chat.postMessage", body);
        }
    }

    /**
     * Redraws a message whose button was pressed: its blocks without the buttons, and a line saying what was chosen,
     * so an old button cannot be pressed again.
     */
    public void pressed(String channel, String ts, JsonNode blocks, String title) {
        call("chat.update", this.blocks.pressed(channel, ts, blocks, title));
    }

    /**
     * The user's locale as Slack knows it ({@code users.info} with {@code include_locale}; needs the
     * {@code users:read} scope), such as "en-US"; empty when Slack does not say or cannot be asked.
     */
    public Optional<String> locale(String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase + "/users.info?include_locale=true&user="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + botToken)
                .GET()
                .build();
        try {
            HttpResponse<String> response = calls.send(request);
            JsonNode answer = response.statusCode() / 100 == 2 ? JSON.readTree(response.body()) : null;
            String locale = answer == null ? "" : answer.path("user").path("locale").asText("");
            return locale.matches("[a-z]{2,3}-[A-Z]{2}") ? Optional.of(locale) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private JsonNode call(String method, ObjectNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(apiBase + "/" + method))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + botToken)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        HttpResponse<String> response;
        try {
            response = calls.send(request);
        } catch (IOException e) {
            throw new SlackApiException(method + " could not reach Slack: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackApiException(method + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SlackApiException(method + " answered HTTP " + response.statusCode());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SlackApiException(method + " answered with something other than JSON", e);
        }
        if (answer == null || !answer.path("ok").asBoolean(false)) {
            throw new SlackApiException(method + " failed: "
                    + (answer == null ? "empty answer" : answer.path("error").asText("no error given")));
        }
        return answer;
    }
}
