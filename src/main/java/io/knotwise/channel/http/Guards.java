package io.knotwise.channel.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.knotwise.OriginNotAllowedException;
import io.knotwise.UnsupportedMediaTypeException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every request passes before a route runs: the request log starts, security headers are set, a browser request
 * from a site not allowed is refused, and the API takes JSON only and counts each client address against its limit
 * (messages are counted by their handler, which lets an emergency through).
 */
final class Guards {

    private static final Pattern JSON_TYPE = Pattern.compile("application/([a-z0-9.+-]+\\+)?json(\\s*;.*)?",
            Pattern.CASE_INSENSITIVE);

    private final RequestLog requestLog;
    private final List<String> corsOrigins;
    private final ClientAddresses clientAddresses;
    private final RateLimits perAddress;

    Guards(RequestLog requestLog, List<String> corsOrigins, ClientAddresses clientAddresses, RateLimits perAddress) {
        this.requestLog = requestLog;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.clientAddresses = clientAddresses;
        this.perAddress = perAddress;
    }

    void register(RoutesConfig routes) {
        routes.before(ctx -> {
            requestLog.begin(ctx);
            SecurityHeaders.add(ctx);
            checkOrigin(ctx);
        });
        routes.before("/api/*", ctx -> {
            String type = String.valueOf(ctx.header("Content-Type")).strip();
            if (hasBody(ctx) && !JSON_TYPE.matcher(type).matches()) {
                throw new UnsupportedMediaTypeException("the API takes JSON bodies only (Content-Type: "
                        + "application/json)");
            }
            if (!isMessage(ctx)) {
                perAddress.take(clientAddresses.of(ctx));
            }
        });
        // The Rasa REST channel is an API like ours: the same per-address limit (its senders have their own).
        routes.before("/webhooks/rest/*", ctx -> perAddress.take(clientAddresses.of(ctx)));
    }

    /**
     * Refuses, before any route runs, a browser request that would change something (any method but GET, HEAD and
     * OPTIONS) from a site that is neither this guide's own nor on the allow-list, so a refused request applies no
     * turn. Requests without an {@code Origin} (servers, bots, curl) are not browser requests and pass.
     */
    private void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String method = ctx.method().name();
        if (origin == null || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || corsOrigins.contains("*") || corsOrigins.contains(origin)) {
            return;
        }
        String host = ctx.header("Host");
        if (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return;
        }
        throw new OriginNotAllowedException("requests from " + origin.substring(0, Math.min(origin.length(), 100))
                + " are not allowed: add the site to KNOTWISE_CORS_ORIGINS");
    }

    /** Whether the request carries a body: a length above zero, or chunks. */
    private static boolean hasBody(Context ctx) {
        return ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    }

    private static boolean isMessage(Context ctx) {
        return ctx.method() == HandlerType.POST && ctx.path().endsWith("/messages");
    }
}
