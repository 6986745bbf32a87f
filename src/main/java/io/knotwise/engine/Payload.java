package io.knotwise.engine;

import io.knotwise.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quick reply's payload in Rasa's form, {@code /intent} or {@code /intent{"entity": "value"}}: the intent it
 * stands for and the entities it carries. Immutable.
 */
public record Payload(String intent, Map<String, Object> entities) {

    private static final Pattern FORM = Pattern.compile("/([a-z_]+)(\\{.*})?", Pattern.DOTALL);
    private static final Pattern PAIR = Pattern.compile("\\s*\"([a-z_]+)\"\\s*:\\s*(?:\"([^\"\\\\]*)\"|(\\d{1,4}))\\s*");

    public Payload {
        entities = Map.copyOf(entities);
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
}
