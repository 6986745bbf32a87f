package io.knotwise.channel;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Webhook payloads shaped like the real ones, with fuzzed values: each field is usually a plausible value, and
 * sometimes missing, null, or a value of the wrong kind. Reads one fuzzer input, so not thread-safe.
 */
public final class FuzzedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "application/json; charset=");

    private final FuzzedDataProvider data;

    private FuzzedJson(FuzzedDataProvider data) {
        this.data = data;
    }

    /** Fields drawn from this fuzzer input. */
    public static FuzzedJson from(FuzzedDataProvider data) {
        return new FuzzedJson(data);
    }

    /** Puts a field: one of the plausible values, or (one time in four) nothing or a value of any other kind. */
    public FuzzedJson put(ObjectNode object, String field, List<String> plausible) {
        if (data.consumeInt(0, 3) > 0) {
            object.put(field, data.consumeBoolean() ? data.pickValue(plausible) : data.consumeString(60));
            return this;
        }
        JsonNode other = other();
        if (other != null) {
            object.set(field, other);
        }
        return this;
    }

    /** A Content-Type a client may send with JSON, now and then naming a made-up charset. */
    public String contentType() {
        String contentType = data.pickValue(CONTENT_TYPES);
        return contentType.endsWith("=") ? contentType + data.consumeAsciiString(12).replaceAll("[^!-~]", "")
                : contentType;
    }

    /** Nothing (null), JSON null, a number, a boolean, an empty object or array, or an array of a string. */
    private JsonNode other() {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> null;
            case 1 -> NODES.nullNode();
            case 2 -> NODES.numberNode(data.consumeLong());
            case 3 -> NODES.booleanNode(data.consumeBoolean());
            case 4 -> NODES.objectNode();
            case 5 -> NODES.arrayNode();
            default -> NODES.arrayNode().add(data.consumeString(20));
        };
    }
}
