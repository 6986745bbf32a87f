package io.knotwise.dialog;

import io.knotwise.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a quick reply sends back when it is pressed: an intent and the entities it carries. In the dialog files it is
 * written as data ({@code payload: {intent: describe_symptom, entities: {body_area: neck_base}}}, or just
 * {@code payload: {intent: next}}); on the wire and in stored conversations it is Rasa's form,
 * {@code /intent{"entity": "value"}}. Immutable; entities keep their order.
 */
public record Payload(String intent, Map<String, Object> entities) {

    private static final Pattern INTENT = Pattern.compile("[a-z_]+");
    private static final Pattern FORM = Pattern.compile("/([a-z_]+)(\\{.*})?", Pattern.DOTALL);
    private static final Pattern PAIR =
            Pattern.compile("\\s*\"([a-z_]+)\"\\s*:\\s*(?:\"([^\"\\\\]*)\"|(\\d{1,4}))\\s*");

    public Payload {
        if (intent == null || !INTENT.matcher(intent).matches()) {
            throw new IllegalArgumentException("a payload's intent is lowercase letters and underscores: " + intent);
        }
        entities = entities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** A payload with an intent and no entities. */
    public static Payload of(String intent) {
        return new Payload(intent, Map.of());
    }

    /** A payload with an intent and one entity. */
    public static Payload of(String intent, String entity, Object value) {
        return new Payload(intent, Map.of(entity, value));
    }

    /** Parses a payload; anything not of the form above is a {@link BadInputException} naming what was wrong. */
    public static Payload parse(String payload) {
        Matcher form = FORM.matcher(payload.strip());
        if (!form.matches()) {
            throw new BadInputException("payload must look like /intent or /intent{\"entity\": \"value\"}");
        }
        var entities = new LinkedHashMap<String, Object>();
        String body = form.group(2);
        if (body != null) {
            String inner = body.substring(1, body.length() - 1);
            for (String pair : inner.isBlank() ? new String[0] : inner.split(",")) {
                Matcher m = PAIR.matcher(pair);
                if (!m.matches()) {
                    throw new BadInputException("payload entities must be \"name\": \"value\" pairs, got: " + pair);
                }
                entities.put(m.group(1), m.group(2) != null ? m.group(2) : Integer.valueOf(m.group(3)));
            }
        }
        return new Payload(form.group(1), entities);
    }

    /** Whether a payload as sent by a channel is this one, however it is spaced; false when it is not a payload. */
    public boolean sameAs(String text) {
        try {
            return equals(parse(text));
        } catch (BadInputException e) {
            return false;
        }
    }

    /**
     * A payload as the dialog files write it (a map with {@code intent} and {@code entities}) or as channels and
     * stored conversations do (text in Rasa's form).
     */
    public static Payload from(Object value) {
        if (value instanceof String text) {
            return parse(text);
        }
        if (value instanceof Map<?, ?> map && map.get("intent") instanceof String intent
                && (map.get("entities") == null || map.get("entities") instanceof Map<?, ?>)
                && map.keySet().stream().allMatch(k -> k.equals("intent") || k.equals("entities"))) {
            var entities = new LinkedHashMap<String, Object>();
            if (map.get("entities") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> entities.put(String.valueOf(k), v));
            }
            return new Payload(intent, entities);
        }
        throw new IllegalArgumentException("a payload is {intent: name, entities: {name: value}}, got: " + value);
    }

    /** The payload in Rasa's form, as sent to and from channels: {@code /intent{"entity": "value"}}. */
    public String text() {
        if (entities.isEmpty()) {
            return "/" + intent;
        }
        return "/" + intent + entities.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + (e.getValue() instanceof Integer
                        ? e.getValue() : "\"" + e.getValue() + "\""))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
