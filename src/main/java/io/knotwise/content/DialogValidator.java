package io.knotwise.content;

import io.knotwise.dialog.Node;
import io.knotwise.dialog.Responses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a {@link Guidebook} as a whole, area by area ({@link GraphChecks}, {@link CatalogueChecks},
 * {@link SafetyChecks}), then what ties the areas to the engine and the model: the responses the engine says, the
 * intents it branches on, the entity lexicon's names. Each problem reads {@code file: node: message}. Immutable.
 */
public final class DialogValidator {

    private final Set<String> knownIntents;
    private final Collection<String> requiredResponses;
    private final Collection<String> requiredIntents;
    private final Set<String> slots;
    private final Map<String, Map<String, List<String>>> lexicon;

    /**
     * @param knownIntents the intents the trained model knows
     * @param requiredResponses the keys of responses.yml the engine says
     * @param lexicon the entity lexicon of models/entities.yml, whose values must name what dialogs/ declares
     */
    public DialogValidator(Collection<String> knownIntents, Collection<String> requiredResponses,
                           Collection<String> slots, Map<String, Map<String, List<String>>> lexicon) {
        this(knownIntents, requiredResponses, List.of(), slots, lexicon);
    }

    /**
     * @param requiredIntents the intents the engine branches on: each must be one the model knows
     * @param slots the slots the engine fills, which an {@code ask} node may ask for
     */
    public DialogValidator(Collection<String> knownIntents, Collection<String> requiredResponses,
                           Collection<String> requiredIntents, Collection<String> slots,
                           Map<String, Map<String, List<String>>> lexicon) {
        this.knownIntents = Set.copyOf(knownIntents);
        this.requiredResponses = List.copyOf(requiredResponses);
        this.requiredIntents = List.copyOf(requiredIntents);
        this.slots = Set.copyOf(slots);
        this.lexicon = Map.copyOf(lexicon);
    }

    /** Every problem found; empty when the guidebook is sound. Thread-safe: nothing is kept between calls. */
    public List<String> validate(Guidebook book) {
        var problems = new ArrayList<String>();
        problems.addAll(GraphChecks.problems(book, knownIntents, slots));
        problems.addAll(CatalogueChecks.problems(book));
        problems.addAll(SafetyChecks.problems(book));
        requiredResponses.stream().filter(k -> !book.responses().has(k))
                .forEach(k -> problems.add("responses.yml: " + k + ": missing; the engine says it"));
        unusedResponses(book, problems);
        requiredIntents.stream().filter(i -> !knownIntents.contains(i))
                .forEach(i -> problems.add("the engine branches on the intent '" + i
                        + "', which the model does not know"));
        lexicon(book, problems);
        return List.copyOf(problems);
    }

    /** A response nothing says is a mistake waiting to happen: a typo in a key, or a node that was removed. */
    private void unusedResponses(Guidebook book, List<String> problems) {
        var said = new HashSet<String>(requiredResponses);
        book.graph().nodes().values().stream().map(Node::say).filter(Objects::nonNull).forEach(said::add);
        book.graph().digressions().forEach(intent -> said.add("reply_" + intent));
        book.responses().keys().stream()
                .filter(k -> !said.contains(k.split(Responses.VARIANT, 2)[0]))
                .sorted()
                .forEach(k -> problems.add("responses.yml: " + k + ": never said (no node or engine step uses it)"));
    }

    private void lexicon(Guidebook book, List<String> problems) {
        Map<String, Set<String>> declared = Map.of(
                "body_area", book.vocabulary().bodyAreas().keySet(),
                "tool", book.vocabulary().tools().keySet(),
                "technique", book.techniques().keySet(),
                "style", book.styles().keySet(),
                "routine", book.routines().keySet());
        lexicon.forEach((entity, values) -> {
            Set<String> known = declared.get(entity);
            if (known != null) {
                values.keySet().stream().filter(v -> !known.contains(v)).forEach(v -> problems.add(
                        "models/entities.yml: " + entity + ": '" + v + "' is not declared in dialogs/"));
            }
        });
    }

}
