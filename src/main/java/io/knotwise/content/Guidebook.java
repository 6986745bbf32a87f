package io.knotwise.content;

import io.knotwise.dialog.DialogGraph;
import io.knotwise.dialog.Responses;
import io.knotwise.safety.SafetyRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in {@code dialogs/}: the graph, what the guide says, the technique catalogue, the answers and the safety
 * rules. Immutable; built by {@link ContentLoader} and checked by {@code DialogValidator}.
 *
 * @param techniques by id, in catalogue order, with set-up steps already in front of their own
 * @param tensionAdvice by kind of tension ({@code occasional}, {@code accumulated})
 */
public record Guidebook(
        DialogGraph graph,
        Responses responses,
        Vocabulary vocabulary,
        Map<String, Guide> guides,
        Map<String, Technique> techniques,
        Map<String, Setup> setups,
        Map<String, Routine> routines,
        Map<String, TensionAdvice> tensionAdvice,
        Map<String, Style> styles,
        AnswerBook answers,
        SafetyRules safety,
        Map<String, String> intentTitles) {

    public Guidebook {
        guides = Map.copyOf(guides);
        techniques = Collections.unmodifiableMap(new LinkedHashMap<>(techniques));
        setups = Map.copyOf(setups);
        routines = Map.copyOf(routines);
        tensionAdvice = Map.copyOf(tensionAdvice);
        styles = Map.copyOf(styles);
        intentTitles = Map.copyOf(intentTitles);
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(id).map(techniques::get);
    }

    public List<Technique> catalogue() {
        return List.copyOf(techniques.values());
    }

    /** The title of the guide a technique or answer cites, or the id itself when unknown. */
    public String guideTitle(String guideId) {
        Guide guide = guides.get(guideId);
        return guide == null ? guideId : guide.title();
    }
}
