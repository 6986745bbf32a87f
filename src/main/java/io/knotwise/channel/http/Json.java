package io.knotwise.channel.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one JSON edge of the API and every channel: the one mapper, request bodies read as strict UTF-8, answers and
 * the one error body, {@code {"error": {"code", "message"}}}. Thread-safe.
 */
public final class Json {

    private static final String TYPE = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "{"text":"hi"} {"x":1}" is not one JSON object: what follows it is refused, not ignored.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules();

    private Json() {
    }

    /**
     * The body as a JSON object holding only the given fields; an empty body is an empty object. Anything else is a
     * 400 saying what is wrong: bytes that are not UTF-8, malformed JSON, duplicate or unknown fields, not an object.
     * The body is read as UTF-8 whatever charset the Content-Type names: JSON is UTF-8 and has no charset parameter
     * (RFC 8259), and a made-up charset must not fail the request.
     */
    static JsonNode object(Context ctx, Set<String> fields) throws IOException {
        String body = utf8(body(ctx));
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadInputException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException("the body must be a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                throw new BadInputException("unknown field \"" + shorten(name) + "\"; this endpoint takes "
                        + String.join(", ", new TreeSet<>(fields)));
            }
        });
        return node;
    }

    /**
     * The request's body, read at its declared length where it declares one within the limit: Javalin reads every
     * body through a new 8 KB buffer of its own, for bodies of a few dozen bytes (an eighth of what a parse allocated).
     * Any other body is Javalin's to read (and to refuse with a 413). A body cut short or cut off fails as Jetty
     * reports it, which Javalin answers as it does when it reads (a 408 where the body was too slow). The body is
     * read once: {@code ctx.body()} is empty after it. The channels read theirs through Javalin, which keeps a body
     * for a second look (Slack and WhatsApp check signatures over the raw bytes).
     */
    private static byte[] body(Context ctx) throws IOException {
        long length = ctx.req().getContentLengthLong();
        return length < 0 || length > ServerTuning.MAX_BODY_BYTES ? ctx.bodyAsBytes()
                : ctx.req().getInputStream().readNBytes((int) length);
    }

    /** The shared mapper, for channels that read and write a platform's JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Any JSON value read from bytes that must be UTF-8; anything else is a {@link BadInputException}. */
    public static JsonNode read(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(utf8(bytes));
            if (node == null || node.isMissingNode()) {
                throw new BadInputException("the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The body of every error, to which a caller may add fields. */
    public static Map<String, Object> errorBody(String code, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message);
        var body = new LinkedHashMap<String, Object>();
        body.put("error", error);
        return body;
    }

    /** Answers with the error body. */
    public static void error(Context ctx, int status, String code, String message) {
        error(ctx, status, errorBody(code, message));
    }

    /**
     * Answers with an error body (see {@link #errorBody}) held as the result, not yet written: an error handler that
     * runs later (a 404's, after a route's own "not found") sees it and may keep or replace it.
     */
    static void error(Context ctx, int status, Map<String, Object> body) {
        try {
            ctx.status(status).contentType(TYPE).result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException("the body is not valid UTF-8");
        }
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    /** An optional string field: absent or null gives null; any other non-string is a 400 naming the field. */
    static String string(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadInputException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    /**
     * Answers with a body that stands, written straight to the response as it is made: no copy of it is kept, nor
     * copied again through a buffer. Errors go through {@link #error}. Should the writing fail, what it wrote is
     * dropped from the response, so that the error answered instead goes out alone.
     */
    public static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(TYPE);
        try {
            MAPPER.writeValue(ctx.outputStream(), body);
        } catch (IOException e) {
            dropWritten(ctx);
            throw new UncheckedIOException("cannot write the answer", e);
        } catch (RuntimeException e) {
            dropWritten(ctx);
            throw e;
        }
    }

    private static void dropWritten(Context ctx) {
        if (!ctx.res().isCommitted()) {
            ctx.res().resetBuffer();
        }
    }

    public static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

}
