package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;

/**
 * Words that put an event in the past ("ten years ago", "fine since"), negating a following-window term of the
 * given categories only: a past accident is not a flag, a past cancer still is. Immutable.
 *
 * @param ongoing words that say what began in the past goes on ("I take rivaroxaban, started years ago", "been on
 *     clopidogrel since my stent went in years back"): a past marker does not date a mention in their sentence
 * @param recent words that say what is happening now ("just now", "today"): a past marker dates a mention only when
 *     it is nearer to it than any of these ("I broke my back years ago, and today I fell off the ladder")
 * @param turns words that, opening a clause, turn to the present: a past marker does not reach across them ("Hx TIA
 *     2019, now L facial droop")
 */
public record PastMarkers(List<String> categories, List<String> terms, List<String> ongoing, List<String> recent,
                          List<String> turns) {

    public PastMarkers {
        categories = Copies.list(categories);
        terms = Copies.list(terms);
        ongoing = Copies.list(ongoing);
        recent = Copies.list(recent);
        turns = Copies.list(turns);
    }

    public static PastMarkers none() {
        return new PastMarkers(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
