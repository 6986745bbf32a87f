package io.knotwise.safety;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lay-language concept layer of {@code dialogs/safety/concepts.yml}: each concept (a site, a sensation, an onset,
 * a function lost, a trigger, a history) with the everyday phrases that say it, and the concepts that ground each
 * category (the learned second opinion acts on a category only where one of them is mentioned), and the patterns of
 * concepts that raise a category by themselves (keyed {@code category} or {@code category:tier}; each group of a
 * pattern is a concept or alternatives {@code a|b}). Immutable.
 *
 * @param contradicts concepts that argue against a category when none of its grounds is mentioned: a sneeze or a
 *     small stumble is a minor trigger, the opposite of major trauma, so the second opinion may not raise it from them
 */
public record Concepts(Map<String, List<String>> lexicon, Map<String, List<String>> grounds,
                       Map<String, List<List<String>>> patterns, Map<String, List<String>> contradicts) {

    public Concepts {
        lexicon = copy(lexicon);
        grounds = copy(grounds);
        contradicts = copy(contradicts);
        var byCategory = new LinkedHashMap<String, List<List<String>>>();
        if (patterns != null) {
            patterns.forEach((k, v) -> byCategory.put(k, v.stream().map(List::copyOf).toList()));
        }
        patterns = Collections.unmodifiableMap(byCategory);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        var copy = new LinkedHashMap<String, List<String>>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        return Collections.unmodifiableMap(copy);
    }

    public static Concepts none() {
        return new Concepts(Map.of(), Map.of(), Map.of(), Map.of());
    }
}
