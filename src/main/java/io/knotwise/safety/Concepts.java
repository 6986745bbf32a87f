package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lay-language concept layer of {@code dialogs/safety/concepts.yml}: each concept (a site, a sensation, an onset,
 * a function lost, a trigger, a history) with the everyday phrases that say it, and the concepts that ground each
 * category (the learned second opinion acts on a category only where one of them is mentioned), and the patterns of
 * concepts that raise a category by themselves (keyed {@code category} or {@code category:tier}; each group of a
 * pattern is a concept or alternatives {@code a|b}). Immutable.
 *
 * @param contradicts concepts that argue against a category when none of its grounds is mentioned: a sneeze or a
 *     small stumble is a minor trigger, the opposite of major trauma, so the second opinion may not raise it from them
 * @param explains the ordinary causes that explain a mention said with them (see {@link Explaining})
 */
public record Concepts(Map<String, List<String>> lexicon, Map<String, List<String>> grounds,
                       Map<String, List<List<String>>> patterns, Map<String, List<String>> contradicts,
                       Explaining explains) {

    /**
     * @param causes ordinary causes (concepts) and the concepts whose mentions each explains in the same stretch of a
     *     sentence: a numb bottom from a hard chair, legs dead after a long run; a key {@code cause+concept} explains
     *     only where the mention's sentence also says the concept ("fine once I stand")
     * @param unless concepts that keep a mention from being explained when its sentence says them: it lasts ("still
     *     numb") or feels uncanny ("like sitting on nothing")
     * @param alongside concepts an explained mention may say besides those its cause explains ("legs weak")
     * @param passing concepts that say a mention passes ("fine once I stand"): a no to the clarifying question that
     *     says one of them, and none of {@code unless}, is a plain no
     * @param brokenBy words that end the stretch a cause explains ("but")
     * @param undoneBy phrases that, just before a cause, make it none: a likeness ("numb like after a long bike
     *     ride") or a denial ("it's not from sitting")
     */
    public record Explaining(Map<String, List<String>> causes, List<String> unless, List<String> alongside,
                             List<String> passing, List<String> brokenBy, List<String> undoneBy) {

        public Explaining {
            causes = copy(causes);
            unless = Copies.list(unless);
            alongside = Copies.list(alongside);
            passing = Copies.list(passing);
            brokenBy = Copies.list(brokenBy);
            undoneBy = Copies.list(undoneBy);
        }

        static Explaining none() {
            return new Explaining(Map.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
    }

    public Concepts {
        lexicon = copy(lexicon);
        grounds = copy(grounds);
        contradicts = copy(contradicts);
        explains = explains == null ? Explaining.none() : explains;
        var known = lexicon.keySet();
        explains.causes().forEach((cause, explained) -> Stream.concat(Stream.of(cause.split("\\+")),
                explained.stream()).forEach(concept -> requireKnown(known, "explains", concept)));
        explains.unless().forEach(concept -> requireKnown(known, "explains: unless", concept));
        explains.alongside().forEach(concept -> requireKnown(known, "explains: alongside", concept));
        explains.passing().forEach(concept -> requireKnown(known, "explains: passing", concept));
        var byCategory = new LinkedHashMap<String, List<List<String>>>();
        if (patterns != null) {
            patterns.forEach((k, v) -> byCategory.put(k, v.stream().map(List::copyOf).toList()));
        }
        patterns = Collections.unmodifiableMap(byCategory);
    }

    private static void requireKnown(Set<String> known, String section, String concept) {
        if (!known.contains(concept)) {
            throw new IllegalArgumentException("safety/concepts.yml: " + section + ": unknown concept " + concept);
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> map) {
        var copy = new LinkedHashMap<String, List<String>>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(k, Copies.list(v)));
        }
        return Collections.unmodifiableMap(copy);
    }

    public static Concepts none() {
        return new Concepts(Map.of(), Map.of(), Map.of(), Map.of(), Explaining.none());
    }
}
