package io.knotwise.nlu;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Entity classes as features of the intent model: a technique, tool, style or upper-back area named in a message adds
 * its class ("__technique__"), and another body part with no upper-back one adds "__other_body__", so "skin rolling
 * please" reads like "effleurage please" and "foam roller for my calves" like the out-of-scope questions it is. The
 * words stay; the classes are added after them. Immutable and thread-safe.
 */
public final class EntityClasses implements UnaryOperator<String[]> {

    static final String OTHER_BODY = "__other_body__";
    private static final String UPPER_BACK = "body_area";

    private final PhraseIndex<String> index;

    /**
     * @param lexicon the entity lexicon (entity, value, phrases)
     * @param classes the entities that become classes ("technique", "tool", "body_area"...)
     * @param otherBodyParts phrases naming a body part the guide does not cover ("calves", "lower back")
     */
    public EntityClasses(Map<String, Map<String, List<String>>> lexicon, List<String> classes,
                         List<String> otherBodyParts) {
        var phrases = new LinkedHashMap<String, String>();
        otherBodyParts.forEach(p -> phrases.put(p, OTHER_BODY));
        for (String entity : classes) {
            lexicon.getOrDefault(entity, Map.of()).values().forEach(list -> list.forEach(p -> phrases.put(p,
                    "__" + entity + "__")));
        }
        this.index = PhraseIndex.of(phrases);
    }

    /** No classes: the words as they are. */
    public static EntityClasses none() {
        return new EntityClasses(Map.of(), List.of(), List.of());
    }

    @Override
    public String[] apply(String[] words) {
        var found = new LinkedHashSet<String>();
        index.find(Arrays.asList(words)).forEach(m -> found.add(m.value()));
        if (found.contains("__" + UPPER_BACK + "__")) {
            found.remove(OTHER_BODY);
        }
        return found.isEmpty() ? words : Stream.concat(Arrays.stream(words), found.stream()).toArray(String[]::new);
    }

    /** The classifier reading the classes of the words it is given. */
    public IntentClassifier over(IntentClassifier classifier) {
        return words -> classifier.rank(apply(words));
    }
}
