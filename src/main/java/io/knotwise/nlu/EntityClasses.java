package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Entity classes as features of the intent model: a technique, tool, style or upper-back area named in a message adds
 * its class ("__technique__"), and another body part with no upper-back one adds "__other_body__", so "skin rolling
 * please" reads like "effleurage please" and "foam roller for my calves" like the out-of-scope questions it is. The
 * words stay; the classes are added after them. A message that names one of some classes and nothing else but filler
 * words ("effleurage", "ok the tennis ball one please") is that class's intent, whatever the model makes of a message
 * so short. A conversation move said in a word or set phrase of its lexicon ("affirmative", "cheers", "scrap that")
 * adds that move's class ("__said_affirm__") when such phrases make up at least half the message, so a reply the
 * training data never used still reads as the move it is, while a longer request that merely holds one ("help me
 * solve this equation", "how do you say goodbye in French") is left to its other words;
 * a message that is nothing but one move's words and phrases ("negatory", "yeah nah", "cheers mate") is that move.
 * Immutable and thread-safe.
 */
final class EntityClasses implements UnaryOperator<String[]> {

    static final String OTHER_BODY = "__other_body__";
    private static final String UPPER_BACK = "body_area";

    private final PhraseIndex<String> index;
    private final PhraseIndex<String> moves;
    private final Set<String> moveWords;
    private final Map<String, String> namedAlone;
    private final Set<String> fillers;

    /**
     * @param lexicon the entity lexicon (entity, value, phrases)
     * @param classes the entities that become classes ("technique", "tool", "body_area"...)
     * @param otherBodyParts phrases naming a body part the guide does not cover ("calves", "lower back")
     * @param namedAlone the intent of a message that names an entity of the class (the key) and nothing else
     * @param fillers words that may stand beside such a name without changing what is asked ("please", "the", "one")
     * @param moves conversation moves (an intent such as "affirm") and the words and set phrases that make them
     */
    EntityClasses(Map<String, Map<String, List<String>>> lexicon, List<String> classes,
                         List<String> otherBodyParts, Map<String, String> namedAlone, List<String> fillers,
                         Map<String, List<String>> moves) {
        this.namedAlone = new LinkedHashMap<>();
        namedAlone.forEach((entity, intent) -> this.namedAlone.put("__" + entity + "__", intent));
        this.fillers = Set.copyOf(fillers);
        var phrases = new LinkedHashMap<String, String>();
        otherBodyParts.forEach(p -> phrases.put(p, OTHER_BODY));
        for (String entity : classes) {
            lexicon.getOrDefault(entity, Map.of()).values().forEach(list -> list.forEach(p -> phrases.put(p,
                    "__" + entity + "__")));
        }
        this.index = PhraseIndex.of(phrases);
        var said = new LinkedHashMap<String, String>();
        moves.forEach((intent, list) -> list.forEach(p -> said.put(p, intent)));
        this.moves = PhraseIndex.of(said);
        this.moveWords = said.keySet().stream().flatMap(p -> Arrays.stream(TextNormalizer.words(p)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** No classes: the words as they are. */
    public static EntityClasses none() {
        return new EntityClasses(Map.of(), List.of(), List.of(), Map.of(), List.of(), Map.of());
    }

    @Override
    public String[] apply(String[] words) {
        List<String> list = Arrays.asList(words);
        return withClasses(words, index.find(list), moves.find(list));
    }

    /** The words, then the classes of what they name and of the moves that make up at least half of them. */
    private static String[] withClasses(String[] words, List<PhraseIndex.Match<String>> matches,
                                        List<PhraseIndex.Match<String>> said) {
        var found = new LinkedHashSet<String>();
        matches.forEach(m -> found.add(m.value()));
        if (2 * covered(said) >= words.length) {
            said.forEach(m -> found.add("__said_" + m.value() + "__"));
        }
        if (found.contains("__" + UPPER_BACK + "__")) {
            found.remove(OTHER_BODY);
        }
        return found.isEmpty() ? words : Stream.concat(Arrays.stream(words), found.stream()).toArray(String[]::new);
    }

    /** The classifier reading the classes of the words it is given. */
    public IntentClassifier over(IntentClassifier classifier) {
        return words -> {
            List<String> list = Arrays.asList(words);
            List<PhraseIndex.Match<String>> matches = index.find(list);
            List<PhraseIndex.Match<String>> said = moves.find(list);
            List<IntentScore> ranking = classifier.rank(withClasses(words, matches, said));
            String named = namedAlone(words, matches);
            String alone = named != null ? named : movedAlone(words, said);
            if (alone == null) {
                return ranking;
            }
            var first = new ArrayList<IntentScore>();
            first.add(new IntentScore(alone, 1.0));
            ranking.stream().filter(s -> !s.name().equals(alone)).forEach(first::add);
            return first;
        };
    }

    /** Every word of the conversation moves' phrases: words the guide knows even if no example uses them. */
    Set<String> moveWords() {
        return moveWords;
    }

    /** Whether the words name one entity of a {@code namedAlone} class and only filler words ("effleurage?"). */
    boolean namesOneAlone(String[] words) {
        return namedAlone(words, index.find(Arrays.asList(words))) != null;
    }

    private static int covered(List<PhraseIndex.Match<String>> matches) {
        return matches.stream().mapToInt(m -> m.to() - m.from()).sum();
    }

    /** The move a message makes when it is nothing but phrases of that one move's lexicon, or null. */
    private static String movedAlone(String[] words, List<PhraseIndex.Match<String>> said) {
        if (said.isEmpty() || covered(said) != words.length
                || said.stream().map(PhraseIndex.Match::value).distinct().count() != 1) {
            return null;
        }
        return said.get(0).value();
    }

    /** The intent of a message naming one entity of a {@code namedAlone} class and only filler words, or null. */
    private String namedAlone(String[] words, List<PhraseIndex.Match<String>> matches) {
        if (namedAlone.isEmpty() || matches.isEmpty()) {
            return null;
        }
        String intent = null;
        boolean[] named = new boolean[words.length];
        for (var match : matches) {
            String found = namedAlone.get(match.value());
            if (found == null || (intent != null && !intent.equals(found))) {
                return null;
            }
            intent = found;
            for (int i = match.from(); i < match.to(); i++) {
                named[i] = true;
            }
        }
        for (int i = 0; i < words.length && intent != null; i++) {
            if (!named[i] && !fillers.contains(words[i])) {
                return null;
            }
        }
        return intent;
    }
}
