package io.knotwise.channel.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a plain token, else a new random one in
 * the form of a UUID; it names a request in the logs and needs no cryptographic strength), returns
 * it in the response, puts it in the logging context as {@code request_id}, and when the request is done logs one
 * structured line (method, route, status, milliseconds; never a body) and records it in
 * {@code knotwise_http_requests_seconds} by method, route and status. Thread-safe.
 */
final class RequestLog {

    static final String HEADER = "X-Request-Id";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger("knotwise.http");

    private final MeterRegistry registry;
    /** Routes are the app's own paths (or "unmatched"), so there are only so many of these. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Before anything else: names the request. */
    void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && TOKEN.matcher(given).matches() ? given : newId();
        MDC.put("request_id", id);
        ctx.header(HEADER, id);
    }

    private static String newId() {
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** After the response is written: logs and times it, then clears the logging context. */
    void end(Context ctx, float milliseconds) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        int status = ctx.statusCode();
        String method = ctx.method().name();
        timers.computeIfAbsent(method + " " + route + " " + status, key -> Timer.builder("knotwise.http.requests")
                        .description("HTTP requests, by method, route and status")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .register(registry))
                .record(Duration.ofNanos((long) (milliseconds * 1_000_000)));
        LOG.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("ms", Math.round(milliseconds * 10) / 10.0)
                .log("request");
        MDC.remove("request_id");
    }
}
