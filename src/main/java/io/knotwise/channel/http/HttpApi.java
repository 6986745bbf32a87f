package io.knotwise.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.OriginNotAllowedException;
import io.knotwise.RateLimitedException;
import io.knotwise.Settings;
import io.knotwise.ShuttingDownException;
import io.knotwise.StoreUnavailableException;
import io.knotwise.UnsupportedMediaTypeException;
import io.knotwise.UnverifiedRequestException;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import io.knotwise.monitoring.LogIds;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API of CONTRACT.md on Javalin: handlers parse, call the engine and answer; errors are mapped once. */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** The largest request body accepted; larger ones get a 413. */
    static final long MAX_BODY_BYTES = 16 * 1024;
    /** The longest language tag taken as a locale (BCP 47's practical limit). */
    private static final int MAX_LOCALE_LENGTH = 35;
    private static final Pattern JSON_TYPE = Pattern.compile("application/([a-z0-9.+-]+\\+)?json(\\s*;.*)?",
            Pattern.CASE_INSENSITIVE);
    private static final int RESPONSE_COPY_BYTES = 4 * 1024;
    /** How long, once stopping, a connection may sit with nothing arriving before it is closed. */
    private static final long SHUTDOWN_IDLE_MILLIS = 100;
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Engine engine;
    private final Guidebook book;
    private final Settings settings;
    private final PrometheusMeterRegistry registry;
    private final List<Consumer<RoutesConfig>> channels;
    private final RequestLog requestLog;
    private final ClientAddresses clientAddresses;
    private final RateLimits perAddress;
    private final RateLimits perConversation;

    /**
     * @param registry the metrics, served at {@code /metrics} in Prometheus's text format
     * @param channels the messaging channels that are switched on, each adding its webhook routes
     */
    public HttpApi(Engine engine, Guidebook book, Settings settings, PrometheusMeterRegistry registry,
                   List<Consumer<RoutesConfig>> channels) {
        this.engine = engine;
        this.book = book;
        this.settings = settings;
        this.registry = registry;
        this.channels = List.copyOf(channels);
        this.requestLog = new RequestLog(registry);
        this.clientAddresses = new ClientAddresses(settings.clientAddressHeader(), settings.trustedProxies());
        this.perAddress = new RateLimits("address", settings.rateLimitPerMinute());
        this.perConversation = new RateLimits("conversation", settings.conversationRateLimitPerMinute());
    }

    /**
     * Refuses, before any route runs, a browser request that would change something (any method but GET, HEAD and
     * OPTIONS) from a site that is neither this guide's own nor on the allow-list, so a refused request applies no
     * turn. Requests without an {@code Origin} (servers, bots, curl) are not browser requests and pass.
     */
    private static void checkOrigin(Context ctx, List<String> allowed) {
        String origin = ctx.header("Origin");
        String method = ctx.method().name();
        if (origin == null || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || allowed.contains("*") || allowed.contains(origin)) {
            return;
        }
        String host = ctx.header("Host");
        if (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
            return;
        }
        throw new OriginNotAllowedException("requests from " + origin.substring(0, Math.min(origin.length(), 100))
                + " are not allowed: add the site to KNOTWISE_CORS_ORIGINS");
    }

    /** The Javalin app, not yet started; stopping it lets requests in flight finish first. */
    public Javalin create() {
        List<String> corsOrigins = settings.corsOrigins();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            // Javalin copies each answer through a new buffer of this size (by default Jetty's 32 KB output buffer);
            // answers are a few KB, so a smaller one saves most of the garbage per request.
            config.http.responseBufferSize = RESPONSE_COPY_BYTES;
            // A few threads per core: the work is CPU-bound, and 200 threads (Jetty's default) only queue for
            // the cores and lengthen the tail.
            config.jetty.threadPool = new QueuedThreadPool(settings.httpThreads(), Math.min(8, settings.httpThreads()));
            // A connection that sends nothing for this long is closed (bodies, and idle keep-alive connections).
            config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(settings.idleTimeout().toMillis()));
            config.jetty.modifyServer(server -> {
                // Request bodies are read in full before a thread takes the request, and one arriving slower than
                // the minimum rate is cut off: clients trickling bytes hold sockets, never the threads that answer.
                // (no more than the largest body taken is held: past that, the read goes on to the 413 below)
                server.insertHandler(new EagerContentHandler(
                        new EagerContentHandler.RetainedContentLoaderFactory(MAX_BODY_BYTES, -1, false)));
                server.insertHandler(new BodyRate(settings.bodyMinBytesPerSecond(), settings.bodyReadDeadline()));
                server.insertHandler(new KnownMethods());
                var graceful = new GracefulHandler();
                // On stop, requests in flight get the shutdown grace, but a keep-alive connection with nothing in
                // flight is closed after a tenth of a second (Jetty waits a second by default).
                graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
                server.insertHandler(graceful);
                var perAddress = new ConnectionsPerAddress(settings.connectionsPerAddress());
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector connector : server.getConnectors()) {
                            connector.addEventListener(perAddress);
                        }
                    }
                });
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(settings.shutdownGrace().toMillis());
            });
            config.requestLogger.http(requestLog::end);
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
            config.routes.before(ctx -> {
                requestLog.begin(ctx);
                SecurityHeaders.add(ctx);
                checkOrigin(ctx, corsOrigins);
            });
            config.routes.before("/api/*", ctx -> {
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
            config.routes.before("/webhooks/rest/*", ctx -> perAddress.take(clientAddresses.of(ctx)));
            channels.forEach(channel -> channel.accept(config.routes));
            config.routes.get("/", ctx -> WebAssets.serve(ctx, "index.html"));
            config.routes.get("/widget.js", ctx -> WebAssets.serve(ctx, "widget.js"));
            config.routes.get("/demo.css", ctx -> WebAssets.serve(ctx, "demo.css"));
            config.routes.get("/health", ctx -> Json.respond(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> {
                boolean ready = engine.ready();
                Json.respond(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : "store_unavailable"));
            });
            config.routes.get("/metrics", ctx -> {
                // Red-flag counts and traffic are for operators: with a token set, only a scraper holding it; without,
                // only this machine.
                if (!mayScrape(ctx)) {
                    throw new UnverifiedRequestException(settings.metricsToken() == null
                            ? "metrics are served to this machine only; set KNOTWISE_METRICS_TOKEN to scrape from elsewhere"
                            : "metrics need the bearer token set in KNOTWISE_METRICS_TOKEN");
                }
                ctx.contentType("text/plain; version=0.0.4").result(registry.scrape());
            });
            config.routes.post("/api/v1/conversations", this::startConversation);
            config.routes.post("/api/v1/conversations/{id}/messages", this::message);
            config.routes.get("/api/v1/conversations/{id}", this::conversation);
            config.routes.delete("/api/v1/conversations/{id}", this::deleteConversation);
            config.routes.post("/api/v1/parse", this::parse);
            config.routes.get("/api/v1/techniques", this::techniques);
            config.routes.get("/api/v1/techniques/{id}", this::technique);
            config.routes.exception(BadInputException.class, (e, ctx) ->
                    Json.respond(ctx, 400, withAdvice(Json.errorBody("bad_request", e.getMessage()), e.advice())));
            config.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, "not_found", e.getMessage()));
            config.routes.exception(UnverifiedRequestException.class,
                    (e, ctx) -> error(ctx, 401, "unauthorized", e.getMessage()));
            config.routes.exception(OriginNotAllowedException.class,
                    (e, ctx) -> error(ctx, 403, "origin_not_allowed", e.getMessage()));
            config.routes.exception(RateLimitedException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                error(ctx, 429, "rate_limited", e.getMessage());
            });
            config.routes.exception(StoreUnavailableException.class, this::storeUnavailable);
            config.routes.exception(UnsupportedMediaTypeException.class,
                    (e, ctx) -> error(ctx, 415, "unsupported_media_type", e.getMessage()));
            config.routes.exception(ShuttingDownException.class, (e, ctx) -> {
                ctx.header("Retry-After", "5");
                error(ctx, 503, "shutting_down", e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (cutShort(e)) {
                    // The client's doing, and cheap to repeat: a 400 and no stack trace in the log.
                    LOG.debug("a request body on {} {} was cut short or malformed: {}", ctx.method(),
                            LogIds.path(ctx.path()),
                            e.getMessage());
                    error(ctx, 400, "bad_request", "the request body was cut short or malformed; nothing was changed");
                    return;
                }
                LOG.error("unexpected failure on {} {}", ctx.method(), LogIds.path(ctx.path()), e);
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
            config.routes.error(408, ctx -> error(ctx, 408, "request_timeout",
                    "the request body arrived too slowly or stopped; nothing was changed, please send it again"));
            config.routes.error(413, ctx -> error(ctx, 413, "payload_too_large",
                    "the body is larger than " + MAX_BODY_BYTES + " bytes"));
        });
    }

    /**
     * 503 while the store is unreachable. Safety first: a message that raises an emergency or urgent flag still gets
     * the escalation advice ({@code messages} and {@code triage} beside the error), though nothing could be saved.
     */
    private void storeUnavailable(StoreUnavailableException e, Context ctx) {
        LOG.warn("conversation store unavailable on {} {}: {}", ctx.method(), LogIds.path(ctx.path()),
                e.getMessage());
        ctx.header("Retry-After", "1");
        Json.respond(ctx, 503, withAdvice(Json.errorBody("store_unavailable",
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

    private void startConversation(Context ctx) {
        String locale = Json.string(Json.object(ctx, Set.of("locale")), "locale");
        // Checked for length first: a regular expression over a huge value can overflow the stack.
        if (locale != null && (locale.length() > MAX_LOCALE_LENGTH || !locale.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"))) {
            throw new BadInputException("\"locale\" must be a language tag such as en-GB");
        }
        Json.respond(ctx, 201, Views.turn(engine.start(locale == null ? settings.defaultLocale() : locale)));
    }

    private void message(Context ctx) {
        String id = conversationId(ctx);
        JsonNode body = Json.object(ctx, Set.of("text", "payload"));
        String text = Json.string(body, "text");
        String payload = Json.string(body, "payload");
        if (text != null && text.length() > settings.maxTextLength()) {
            // Refused, but screened all the same: a red flag in it gets its advice with the 400.
            throw new BadInputException("\"text\" is longer than " + settings.maxTextLength() + " characters")
                    .withAdvice(engine.escalationWithoutStore(Input.text(text), engine.find(id).locale()));
        }
        checkText("text", text);
        checkText("payload", payload);
        try {
            perAddress.take(clientAddresses.of(ctx));
            perConversation.take(id);
        } catch (RateLimitedException limited) {
            // Safety first: a message that raises an emergency or urgent flag is answered even over the limit, once; a
            // conversation that has escalated already has had its advice.
            if (text == null || !engine.stops(text) || engine.escalated(id)) {
                throw limited;
            }
        }
        Json.respond(ctx, 200, Views.turn(engine.handle(id, new Input(text, payload))));
    }

    /** Whether a request may read {@code /metrics}: it carries the token, or, when none is set, comes from this machine. */
    private boolean mayScrape(Context ctx) {
        String token = settings.metricsToken();
        if (token == null) {
            try {
                return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String given = String.valueOf(ctx.header("Authorization"));
        return MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a failure is a body that ended early or arrived in broken chunks. */
    private static boolean cutShort(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof HttpException http && http.getCode() == HttpStatus.BAD_REQUEST_400) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request carries a body: a length above zero, or chunks. */
    private static boolean hasBody(Context ctx) {
        return ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    }

    private static boolean isMessage(Context ctx) {
        return ctx.method() == HandlerType.POST && ctx.path().endsWith("/messages");
    }

    /** Text is at most the configured length, and holds no control characters or broken surrogate pairs. */
    private void checkText(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > settings.maxTextLength()) {
            throw new BadInputException("\"" + field + "\" is longer than " + settings.maxTextLength() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw new BadInputException("\"" + field + "\" contains a control character (U+"
                        + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(++i)))) {
                throw new BadInputException("\"" + field + "\" contains a broken surrogate pair");
            }
        }
    }

    /** The id in the path: an opaque token of letters, digits, '-' and '_'; anything else is a 400. */
    private static String conversationId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!CONVERSATION_ID.matcher(id).matches()) {
            throw new BadInputException("a conversation id is 1 to 64 letters, digits, '-' or '_'");
        }
        return id;
    }

    private void conversation(Context ctx) {
        var conversation = engine.find(conversationId(ctx));
        Json.respond(ctx, 200, Views.conversation(conversation, engine.state(conversation)));
    }

    private void deleteConversation(Context ctx) {
        engine.delete(conversationId(ctx));
        ctx.status(204);
    }

    private void parse(Context ctx) {
        String text = Json.string(Json.object(ctx, Set.of("text")), "text");
        if (text == null || text.isBlank()) {
            throw new BadInputException("the body needs a non-empty \"text\"");
        }
        checkText("text", text);
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
        Json.error(ctx, status, code, message);
    }
}
