package io.knotwise.channel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;
import io.knotwise.BadInputException;
import java.nio.charset.StandardCharsets;

/** Reads request bodies and writes snake_case JSON answers; the HTTP layer's one JSON mapper. Thread-safe. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules();

    private Json() {
    }

    /**
     * The body as a JSON object; an empty body is an empty object, anything else not an object is a 400. The body is
     * read as UTF-8 whatever charset the Content-Type names: JSON is UTF-8 and has no charset parameter (RFC 8259), and
     * a made-up charset must not fail the request.
     */
    static JsonNode object(Context ctx) {
        String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadInputException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("the body is not valid JSON: " + e.getOriginalMessage());
        }
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

    static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

}
