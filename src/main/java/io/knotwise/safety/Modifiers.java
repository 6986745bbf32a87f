package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.stream.Stream;

/**
 * SAFETY.md's modifiers: not flags on their own, they raise the tier of what comes with them. Some raise it on their
 * own ("IV drugs", "long-term steroids"); some only together ("over 50" with "first ever back pain"). Immutable.
 *
 * @param terms what raises the tier on its own
 * @param combinations what raises it only together: a mention from each group of one combination
 */
public record Modifiers(List<String> terms, List<List<List<String>>> combinations) {

    public Modifiers {
        terms = Copies.list(terms);
        combinations = combinations == null ? List.of() : combinations.stream()
                .map(groups -> groups.stream().map(List::copyOf).toList()).toList();
    }

    public static Modifiers none() {
        return new Modifiers(List.of(), List.of());
    }

    /** Every phrase, alone or in a combination. */
    public List<String> phrases() {
        return Stream.concat(terms.stream(), combinations.stream().flatMap(List::stream).flatMap(List::stream))
                .toList();
    }
}
