package io.knotwise.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API of CONTRACT.md on Javalin: handlers parse, call the engine and answer; errors are mapped once. */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Engine engine;
    private final Guidebook book;
    private final int maxTextLength;
    private final String defaultLocale;
    private final Supplier<String> metrics;
    private final List<String> corsOrigins;
    private final List<Consumer<RoutesConfig>> channels;

    /**
     * @param metrics the metrics in Prometheus's text format, served at {@code /metrics}
     * @param corsOrigins origins of other sites allowed to call the API from a browser ("*" for any)
     * @param channels the messaging channels that are switched on, each adding its webhook routes
     */
    public HttpApi(Engine engine, Guidebook book, int maxTextLength, String defaultLocale, Supplier<String> metrics,
                   List<String> corsOrigins, List<Consumer<RoutesConfig>> channels) {
        this.channels = List.copyOf(channels);
        this.engine = engine;
        this.book = book;
        this.maxTextLength = maxTextLength;
        this.defaultLocale = defaultLocale;
        this.metrics = metrics;
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    /** The Javalin app, not yet started. */
    public Javalin create() {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            if (!corsOrigins.isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (corsOrigins.contains("*")) {
                        rule.anyHost();
                    } else {
                        rule.allowHost(corsOrigins.get(0), corsOrigins.subList(1, corsOrigins.size())
                                .toArray(String[]::new));
                    }
                }));
            }
            channels.forEach(channel -> channel.accept(config.routes));
            config.routes.get("/", ctx -> WebAssets.serve(ctx, "index.html"));
            config.routes.get("/widget.js", ctx -> WebAssets.serve(ctx, "widget.js"));
            config.routes.get("/health", ctx -> Json.respond(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> {
                boolean ready = engine.ready();
                Json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "store_unavailable"));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.get()));
            config.routes.post("/api/v1/conversations", this::startConversation);
            config.routes.post("/api/v1/conversations/{id}/messages", this::message);
            config.routes.get("/api/v1/conversations/{id}", this::conversation);
            config.routes.delete("/api/v1/conversations/{id}", this::deleteConversation);
            config.routes.post("/api/v1/parse", this::parse);
            config.routes.get("/api/v1/techniques", this::techniques);
            config.routes.get("/api/v1/techniques/{id}", this::technique);
            config.routes.exception(BadInputException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
            config.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, "not_found", e.getMessage()));
            config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                LOG.warn("conversation store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "1");
                error(ctx, 503, "store_unavailable",
                        "conversations are unreachable for a moment; nothing was changed, please try again");
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", "something went wrong on our side; the conversation is unchanged");
            });
            config.routes.error(404, ctx -> {
                String result = ctx.result();
                if (result == null || !result.startsWith("{")) {
                    error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> error(ctx, 405, "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path()));
            config.routes.error(413, ctx -> error(ctx, 413, "payload_too_large",
                    "the body is larger than " + MAX_BODY_BYTES + " bytes"));
        });
    }

    private void startConversation(Context ctx) {
        String locale = Json.string(Json.object(ctx), "locale");
        if (locale != null && !locale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            throw new BadInputException("\"locale\" must be a language tag such as en-GB");
        }
        Json.respond(ctx, 201, Views.turn(engine.start(locale == null ? defaultLocale : locale)));
    }

    private void message(Context ctx) {
        String id = ctx.pathParam("id");
        engine.find(id);
        JsonNode body = Json.object(ctx);
        String text = Json.string(body, "text");
        String payload = Json.string(body, "payload");
        checkLength("text", text);
        checkLength("payload", payload);
        Json.respond(ctx, 200, Views.turn(engine.handle(id, new Input(text, payload))));
    }

    private void checkLength(String field, String value) {
        if (value != null && value.length() > maxTextLength) {
            throw new BadInputException("\"" + field + "\" is longer than " + maxTextLength + " characters");
        }
    }

    private void conversation(Context ctx) {
        var conversation = engine.find(ctx.pathParam("id"));
        Json.respond(ctx, 200, Views.conversation(conversation, engine.state(conversation)));
    }

    private void deleteConversation(Context ctx) {
        engine.delete(ctx.pathParam("id"));
        ctx.status(204);
    }

    private void parse(Context ctx) {
        String text = Json.string(Json.object(ctx), "text");
        if (text == null || text.isBlank()) {
            throw new BadInputException("the body needs a non-empty \"text\"");
        }
        checkLength("text", text);
        var reading = engine.read(text);
        Json.respond(ctx, 200, Views.parse(reading.understanding(), reading.redFlags()));
    }

    private void techniques(Context ctx) {
        var list = book.catalogue().stream()
                .map(t -> Views.technique(t, book.guideTitle(t.source()), false)).toList();
        var json = new LinkedHashMap<String, Object>();
        json.put("techniques", list);
        Json.respond(ctx, 200, json);
    }

    private void technique(Context ctx) {
        String id = ctx.pathParam("id");
        var technique = book.technique(id).orElseThrow(() -> new NotFoundException("no technique '" + id + "'"));
        Json.respond(ctx, 200, Views.technique(technique, book.guideTitle(technique.source()), true));
    }

    private static void error(Context ctx, int status, String code, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        Json.respond(ctx, status, Map.of("error", error));
    }
}
