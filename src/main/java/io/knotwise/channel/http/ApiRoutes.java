package io.knotwise.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import io.knotwise.NotFoundException;
import io.knotwise.RateLimitedException;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.knotwise.engine.Input;
import io.knotwise.engine.Turn;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The {@code /api/v1} routes of the API contract: each handler checks its input, calls the engine and answers. */
final class ApiRoutes {

    /** The longest language tag taken as a locale (BCP 47's practical limit). */
    private static final int MAX_LOCALE_LENGTH = 35;
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Engine engine;
    private final Guidebook book;
    private final String defaultLocale;
    private final int maxTextLength;
    private final ClientAddresses clientAddresses;
    private final RateLimits perAddress;
    private final RateLimits perConversation;
    private final Executor requestThreads;

    /** @param requestThreads where an answer that waited for the store is written */
    ApiRoutes(Engine engine, Guidebook book, String defaultLocale, int maxTextLength, ClientAddresses clientAddresses,
              RateLimits perAddress, RateLimits perConversation, Executor requestThreads) {
        this.engine = engine;
        this.book = book;
        this.defaultLocale = defaultLocale;
        this.maxTextLength = maxTextLength;
        this.clientAddresses = clientAddresses;
        this.perAddress = perAddress;
        this.perConversation = perConversation;
        this.requestThreads = requestThreads;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/conversations", this::startConversation);
        routes.post("/api/v1/conversations/{id}/messages", this::message);
        routes.get("/api/v1/conversations/{id}", this::conversation);
        routes.delete("/api/v1/conversations/{id}", this::deleteConversation);
        routes.post("/api/v1/parse", this::parse);
        routes.get("/api/v1/techniques", this::techniques);
        routes.get("/api/v1/techniques/{id}", this::technique);
    }

    private void startConversation(Context ctx) throws IOException {
        String locale = Json.string(Json.object(ctx, Set.of("locale")), "locale");
        // Checked for length first: a regular expression over a huge value can overflow the stack.
        if (locale != null && (locale.length() > MAX_LOCALE_LENGTH || !LOCALE.matcher(locale).matches())) {
            throw new BadInputException("\"locale\" must be a language tag such as en-GB");
        }
        answer(ctx, 201, engine.startAsync(locale == null ? defaultLocale : locale));
    }

    private void message(Context ctx) throws IOException {
        String id = conversationId(ctx);
        JsonNode body = Json.object(ctx, Set.of("text", "payload"));
        String text = Json.string(body, "text");
        String payload = Json.string(body, "payload");
        if (text != null && text.length() > maxTextLength) {
            // Refused, but screened all the same: a red flag in it gets its advice with the 400.
            throw new BadInputException("\"text\" is longer than " + maxTextLength + " characters")
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
        answer(ctx, 200, engine.handleAsync(id, new Input(text, payload)));
    }

    /**
     * Answers with a turn once it is saved; the thread is free while the store syncs it. The answer is written at
     * once when the turn already is saved (the memory store), else on a request thread (not the store's writer).
     */
    private void answer(Context ctx, int status, CompletableFuture<Turn> turn) {
        Consumer<Turn> answer = saved -> Json.respond(ctx, status, Views.turn(saved));
        ctx.future(() -> turn.isDone() ? turn.thenAccept(answer) : turn.thenAcceptAsync(answer, requestThreads));
    }

    private void conversation(Context ctx) {
        var conversation = engine.find(conversationId(ctx));
        Json.respond(ctx, 200, Views.conversation(conversation, engine.state(conversation)));
    }

    private void deleteConversation(Context ctx) {
        engine.delete(conversationId(ctx));
        ctx.status(204);
    }

    private void parse(Context ctx) throws IOException {
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

    /** Text is at most the configured length, and holds no control characters or broken surrogate pairs. */
    private void checkText(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > maxTextLength) {
            throw new BadInputException("\"" + field + "\" is longer than " + maxTextLength + " characters");
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
}
