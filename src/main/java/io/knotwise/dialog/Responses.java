package io.knotwise.dialog;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the guide says, by key, each with one or more variations; placeholders such as {@code {step}} are filled in
 * when the text is used. Immutable.
 */
public final class Responses {

    /** Joins a key to the caution category its variant is for: {@code discomfort@pregnancy}. */
    public static final String VARIANT = "@";

    private final Map<String, List<String>> texts;
    private final Map<String, List<String>> about;

    public Responses(Map<String, List<String>> texts) {
        this(texts, Map.of());
    }

    /** @param about what a response advises on (of the subjects a caution may restrict), by key */
    public Responses(Map<String, List<String>> texts, Map<String, List<String>> about) {
        this.texts = Map.copyOf(texts);
        this.about = Copies.map(about);
    }

    /** What each response that advises on something a caution may restrict is about, by key. */
    public Map<String, List<String>> about() {
        return about;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    public Set<String> keys() {
        return texts.keySet();
    }

    /** The variation picked by {@code seed}, with each {@code {name}} replaced by its value. */
    public String text(String key, int seed, Map<String, ?> values) {
        List<String> variations = texts.get(key);
        if (variations == null || variations.isEmpty()) {
            throw new IllegalStateException("no response '" + key + "' in responses.yml");
        }
        String text = variations.get(Math.floorMod(seed, variations.size()));
        for (var entry : values.entrySet()) {
            text = text.replace("{" + entry.getKey() + "}", String.valueOf(entry.getValue()));
        }
        return text;
    }

    public String text(String key, Map<String, ?> values) {
        return text(key, 0, values);
    }

    public String text(String key) {
        return text(key, 0, Map.of());
    }
}
