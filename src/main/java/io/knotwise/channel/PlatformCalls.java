package io.knotwise.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.knotwise.channel.http.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way replies leave for a messaging platform: a call answered 429 is made again after the wait the platform
 * names ({@code Retry-After}, or Telegram's {@code parameters.retry_after}), and one answered 5xx or cut off is made
 * again after a doubling pause (half a second, then 1, 2, 4 s), at most {@value #ATTEMPTS} times in all; a platform
 * that asks for a wait longer than {@value #LONGEST_WAIT_SECONDS} s is not waited for. The last answer is the
 * caller's to judge. Thread-safe.
 */
public final class PlatformCalls {

    static final int ATTEMPTS = 5;
    static final int LONGEST_WAIT_SECONDS = 60;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final ObjectMapper JSON = Json.mapper();

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http;
    private final Pause pause;

    public PlatformCalls(HttpClient http) {
        this(http, duration -> Thread.sleep(duration.toMillis()));
    }

    public PlatformCalls(HttpClient http, Pause pause) {
        this.http = http;
        this.pause = pause;
    }

    /** Sends the request, again where the platform asks for it or fails on its side; returns the last answer. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        Duration backoff = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                pause.sleep(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            int status = response.statusCode();
            if (attempt == ATTEMPTS || (status != 429 && status < 500)) {
                return response;
            }
            if (status == 429) {
                Optional<Duration> wait = retryAfter(response);
                if (wait.isPresent() && wait.get().toSeconds() > LONGEST_WAIT_SECONDS) {
                    return response;
                }
                pause.sleep(wait.orElse(backoff));
            } else {
                pause.sleep(backoff);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** The wait a 429 names: the {@code Retry-After} header (seconds), else Telegram's JSON field. */
    static Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        try {
            if (header.isPresent()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(header.get().strip())));
            }
            JsonNode seconds = JSON.readTree(response.body()).path("parameters").path("retry_after");
            return seconds.canConvertToLong() ? Optional.of(Duration.ofSeconds(seconds.asLong())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
