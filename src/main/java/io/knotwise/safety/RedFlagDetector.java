package io.knotwise.safety;

import io.knotwise.nlu.PhraseIndex;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Screens one message for the red-flag categories of {@link SafetyRules}, ignoring negated terms and idioms.
 * A first, simple detector: whole-word terms, combinations, NegEx-style scope. Immutable and thread-safe.
 */
public final class RedFlagDetector {

    private static final String BLANK = "\u0000";

    private final SafetyRules rules;
    private final PhraseIndex<Boolean> idioms;
    private final PhraseIndex<Boolean> triggers;
    private final PhraseIndex<Boolean> postTriggers;
    private final PhraseIndex<Boolean> terminators;
    private final PhraseIndex<Boolean> modifiers;
    private final PhraseIndex<Boolean> pseudoTriggers;
    private final PhraseIndex<Boolean> pastMarkers;
    private final List<Screen> screens;

    private record Screen(Category category, PhraseIndex<Boolean> terms, List<List<PhraseIndex<Boolean>>> combinations,
                          PhraseIndex<Boolean> emergencyTerms, List<List<PhraseIndex<Boolean>>> emergencyCombinations,
                          PhraseIndex<Boolean> stopTerms) {
    }

    public RedFlagDetector(SafetyRules rules) {
        this.rules = rules;
        this.idioms = index(rules.idioms());
        this.triggers = index(rules.negation().triggers());
        this.postTriggers = index(rules.negation().postTriggers());
        this.terminators = index(rules.negation().terminators());
        this.modifiers = index(rules.modifiers());
        this.pseudoTriggers = index(rules.negation().pseudoTriggers());
        this.pastMarkers = index(rules.pastMarkers().terms());
        this.screens = rules.categories().stream().map(this::screen).toList();
    }

    private Screen screen(Category category) {
        var stopTerms = rules.midTechniqueStop().stream()
                .filter(s -> s.category().equals(category.id()))
                .flatMap(s -> s.terms().stream())
                .toList();
        return new Screen(category, index(category.terms()), combinations(category.allOf()),
                index(category.emergencyTerms()), combinations(category.emergencyAllOf()), index(stopTerms));
    }

    private static List<List<PhraseIndex<Boolean>>> combinations(List<List<List<String>>> combinations) {
        return combinations.stream().map(groups -> groups.stream().map(RedFlagDetector::index).toList()).toList();
    }

    private static PhraseIndex<Boolean> index(List<String> phrases) {
        return PhraseIndex.of(phrases.stream().distinct().collect(Collectors.toMap(Function.identity(), p -> true)));
    }

    /** The red flags in a message, highest tier first; {@code duringTechnique} adds the mid-technique stop terms. */
    public List<RedFlag> detect(String text, boolean duringTechnique) {
        List<String> words = withoutIdioms(TextNormalizer.tokens(TextNormalizer.normalize(text)).stream()
                .map(Token::text).toList());
        var scope = new Scope(words);
        boolean modified = scope.affirmed(modifiers);
        Map<String, RedFlag> found = new LinkedHashMap<>();
        for (Screen screen : screens) {
            Tier tier = tierOf(screen, scope, duringTechnique);
            if (tier == null) {
                continue;
            }
            if (modified && tier == Tier.SEE_DOCTOR) {
                tier = Tier.URGENT;
            }
            found.put(screen.category().id(), new RedFlag(screen.category().id(), tier));
        }
        var flags = new ArrayList<>(found.values());
        flags.sort(Comparator.comparing(RedFlag::tier));
        return List.copyOf(flags);
    }

    private Tier tierOf(Screen screen, Scope scope, boolean duringTechnique) {
        boolean past = rules.pastMarkers().categories().contains(screen.category().id());
        if (scope.affirmed(screen.emergencyTerms(), past) || scope.allAffirmed(screen.emergencyCombinations(), past)) {
            return Tier.EMERGENCY;
        }
        boolean hit = scope.affirmed(screen.terms(), past)
                || (duringTechnique && scope.affirmed(screen.stopTerms(), past))
                || scope.allAffirmed(screen.combinations(), past);
        return hit ? screen.category().tier() : null;
    }

    private List<String> withoutIdioms(List<String> words) {
        var out = new ArrayList<>(words);
        for (var match : idioms.find(words)) {
            for (int i = match.from(); i < match.to(); i++) {
                out.set(i, BLANK);
            }
        }
        return out;
    }

    /** The negation scope of one message: which matches are affirmed rather than negated. */
    private final class Scope {

        private final List<String> words;
        private final List<PhraseIndex.Match<Boolean>> before;
        private final List<PhraseIndex.Match<Boolean>> after;
        private final List<PhraseIndex.Match<Boolean>> stops;
        private final List<PhraseIndex.Match<Boolean>> past;

        Scope(List<String> words) {
            this.words = words;
            var pseudo = pseudoTriggers.find(words);
            this.before = triggers.find(words).stream()
                    .filter(t -> pseudo.stream().noneMatch(p -> p.from() <= t.from() && t.to() <= p.to()))
                    .toList();
            this.after = postTriggers.find(words);
            this.stops = terminators.find(words);
            this.past = pastMarkers.find(words);
        }

        boolean affirmed(PhraseIndex<Boolean> terms) {
            return affirmed(terms, false);
        }

        /** Whether some match of the terms is neither negated nor, when {@code pastCounts}, put in the past. */
        boolean affirmed(PhraseIndex<Boolean> terms, boolean pastCounts) {
            return terms.find(words).stream().anyMatch(m -> !negated(m) && !(pastCounts && inPast(m)));
        }

        /** Whether some combination has an affirmed term in each of its groups. */
        boolean allAffirmed(List<List<PhraseIndex<Boolean>>> combinations, boolean pastCounts) {
            return combinations.stream().anyMatch(groups -> groups.stream().allMatch(g -> affirmed(g, pastCounts)));
        }

        private boolean negated(PhraseIndex.Match<Boolean> term) {
            int window = rules.negation().window();
            // A trigger that starts before the term negates it, even when the two share words ("never had" and
            // "had cancer"); one that starts inside the term ("never goes away") is part of the term.
            boolean pre = before.stream().anyMatch(t -> t.from() < term.from()
                    && term.from() - t.to() <= window && !stoppedBetween(t.to(), term.from()));
            return pre || followedBy(after, term);
        }

        private boolean inPast(PhraseIndex.Match<Boolean> term) {
            return followedBy(past, term);
        }

        private boolean followedBy(List<PhraseIndex.Match<Boolean>> markers, PhraseIndex.Match<Boolean> term) {
            int window = rules.negation().window();
            return markers.stream().anyMatch(t -> t.from() >= term.to()
                    && t.from() - term.to() <= window && !stoppedBetween(term.to(), t.from()));
        }

        private boolean stoppedBetween(int from, int to) {
            return stops.stream().anyMatch(s -> s.from() >= from && s.from() < to);
        }
    }
}
