package io.knotwise.channel.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.OriginNotAllowedException;
import io.knotwise.RateLimitedException;
import io.knotwise.ShuttingDownException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.UnsupportedMediaTypeException;
import io.knotwise.UnverifiedRequestException;
import io.knotwise.engine.Turn;
import io.knotwise.monitoring.LogIds;
import java.io.EOFException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure's answer, mapped once for the API and every channel: each Knotwise exception to its status and code,
 * Jetty's own errors to JSON, anything else to a 500 that leaks nothing. Every error body is
 * {@code {"error": {"code", "message"}}}.
 */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(BadInputException.class, (e, ctx) ->
                Json.error(ctx, 400, withAdvice(Json.errorBody("bad_request", e.getMessage()), e.advice())));
        routes.exception(NotFoundException.class, (e, ctx) -> Json.error(ctx, 404, "not_found", e.getMessage()));
        routes.exception(UnverifiedRequestException.class,
                (e, ctx) -> Json.error(ctx, 401, "unauthorized", e.getMessage()));
        routes.exception(OriginNotAllowedException.class,
                (e, ctx) -> Json.error(ctx, 403, "origin_not_allowed", e.getMessage()));
        routes.exception(RateLimitedException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            Json.error(ctx, 429, "rate_limited", e.getMessage());
        });
        routes.exception(StoreUnavailableException.class, ErrorMapping::storeUnavailable);
        routes.exception(UnsupportedMediaTypeException.class,
                (e, ctx) -> Json.error(ctx, 415, "unsupported_media_type", e.getMessage()));
        routes.exception(ShuttingDownException.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            Json.error(ctx, 503, "shutting_down", e.getMessage());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (cutShort(e)) {
                // The client's doing, and cheap to repeat: a 400 and no stack trace in the log.
                LOG.debug("a request body on {} {} was cut short or malformed: {}", ctx.method(),
                        LogIds.path(ctx.path()), e.getMessage());
                Json.error(ctx, 400, "bad_request", "the request body was cut short or malformed; nothing was changed");
                return;
            }
            LOG.error("unexpected failure on {} {}", ctx.method(), LogIds.path(ctx.path()), e);
            Json.error(ctx, 500, "internal_error", "something went wrong on our side; the conversation is unchanged");
        });
        routes.error(404, ctx -> {
            String result = ctx.result();
            if (result == null || !result.startsWith("{")) {
                Json.error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        routes.error(405, ctx -> Json.error(ctx, 405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path()));
        routes.error(408, ctx -> Json.error(ctx, 408, "request_timeout",
                "the request body arrived too slowly or stopped; nothing was changed, please send it again"));
        routes.error(413, ctx -> Json.error(ctx, 413, "payload_too_large",
                "the body is larger than " + ServerTuning.MAX_BODY_BYTES + " bytes"));
    }

    /**
     * 503 while the store is unreachable. Safety first: a message that raises an emergency or urgent flag still gets
     * the escalation advice ({@code messages} and {@code triage} beside the error), though nothing could be saved.
     */
    private static void storeUnavailable(StoreUnavailableException e, Context ctx) {
        LOG.warn("conversation store unavailable on {} {}: {}", ctx.method(), LogIds.path(ctx.path()),
                e.getMessage());
        ctx.header("Retry-After", "1");
        Json.error(ctx, 503, withAdvice(Json.errorBody("store_unavailable",
                "conversations are unreachable for a moment; nothing was changed, please try again"), e.advice()));
    }

    /** An error body that also gives the escalation advice for the refused message, when it raised a red flag. */
    private static Map<String, Object> withAdvice(Map<String, Object> body, Optional<Turn> escalation) {
        escalation.map(Views::turn).ifPresent(advice -> {
            body.put("messages", advice.get("messages"));
            body.put("triage", advice.get("triage"));
        });
        return body;
    }

    /** Whether a failure is a body that ended early or arrived in broken chunks. */
    private static boolean cutShort(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof HttpException http
                    && http.getCode() == HttpStatus.BAD_REQUEST_400) {
                return true;
            }
        }
        return false;
    }
}
