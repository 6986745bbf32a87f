package io.knotwise.safety;

import io.knotwise.nlu.PhraseIndex;
import io.knotwise.nlu.SpellingCorrector;
import io.knotwise.nlu.Stemmer;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Screens one message for the red-flag categories of {@link SafetyRules}: whole-word terms and combinations, read
 * through a NegEx scope (negation, hypotheticals, past events, terminators, sentence ends), on word stems, with
 * idioms removed, misspellings corrected and modifiers raising the tier of what comes with them. Immutable and
 * thread-safe.
 */
public final class RedFlagDetector {

    private static final String BLANK = "\u0000";
    private static final String SENTENCE_END = ".?!;";

    private final SafetyRules rules;
    private final Set<String> exactWords;
    private final SpellingCorrector speller;
    private final PhraseIndex<Boolean> idioms;
    private final PhraseIndex<Boolean> modifiers;
    private final PhraseIndex<Boolean> corrections;
    private final PhraseIndex<Boolean> generalQuestions;
    private final Set<String> ageBefore;
    private final Set<String> ageAfter;
    private final NegationScope.Lexicon scopeLexicon;
    private final List<Screen> screens;

    private record Screen(Category category, PhraseIndex<Boolean> terms, List<List<PhraseIndex<Boolean>>> combinations,
                          PhraseIndex<Boolean> emergencyTerms, List<List<PhraseIndex<Boolean>>> emergencyCombinations,
                          PhraseIndex<Boolean> stopTerms, PhraseIndex<Boolean> unsureTerms,
                          List<List<PhraseIndex<Boolean>>> unsureCombinations) {
    }

    /** A detector that corrects no spelling. */
    public RedFlagDetector(SafetyRules rules) {
        this(rules, Set.of());
    }

    /**
     * @param knownWords words that are never taken for misspellings of a red-flag word (the training vocabulary)
     */
    public RedFlagDetector(SafetyRules rules, Set<String> knownWords) {
        this.rules = rules;
        this.exactWords = Set.copyOf(rules.exactWords());
        this.idioms = index(rules.idioms());
        this.modifiers = index(rules.modifiers());
        this.corrections = index(rules.corrections());
        this.generalQuestions = index(rules.generalQuestions());
        this.ageBefore = Set.copyOf(rules.ages().before());
        this.ageAfter = Set.copyOf(rules.ages().after());
        Negation negation = rules.negation();
        this.scopeLexicon = new NegationScope.Lexicon(index(negation.triggers()), index(negation.hypothetical()),
                index(negation.pseudoTriggers()), index(negation.postTriggers()), index(negation.terminators()),
                index(rules.pastMarkers().terms()));
        this.screens = rules.categories().stream().map(this::screen).toList();
        this.speller = new SpellingCorrector(vocabulary(), knownWords, rules.spellings());
    }

    private Screen screen(Category category) {
        var stopTerms = rules.midTechniqueStop().stream()
                .filter(s -> s.category().equals(category.id()))
                .flatMap(s -> s.terms().stream())
                .toList();
        return new Screen(category, index(category.terms()), combinations(category.allOf()),
                index(category.emergencyTerms()), combinations(category.emergencyAllOf()), index(stopTerms),
                index(category.unsureTerms()), combinations(category.unsureAllOf()));
    }

    /** Every word of every red-flag phrase: what a misspelling is corrected towards. */
    private Set<String> vocabulary() {
        var phrases = new ArrayList<String>(rules.modifiers());
        for (Category c : rules.categories()) {
            phrases.addAll(c.terms());
            phrases.addAll(c.emergencyTerms());
            phrases.addAll(c.unsureTerms());
            Stream.of(c.allOf(), c.emergencyAllOf(), c.unsureAllOf()).flatMap(List::stream)
                    .forEach(groups -> groups.forEach(phrases::addAll));
        }
        rules.midTechniqueStop().forEach(s -> phrases.addAll(s.terms()));
        var words = new HashSet<String>();
        phrases.forEach(p -> words.addAll(Arrays.asList(TextNormalizer.words(p))));
        return words;
    }

    private List<List<PhraseIndex<Boolean>>> combinations(List<List<List<String>>> combinations) {
        return combinations.stream().map(groups -> groups.stream().map(this::index).toList()).toList();
    }

    /** Phrases are matched on word stems, so every inflection of a term counts. */
    private PhraseIndex<Boolean> index(List<String> phrases) {
        return PhraseIndex.of(phrases.stream().distinct().collect(Collectors.toMap(Function.identity(), p -> true)),
                this::form);
    }

    /** The form a word is matched in: its stem, unless its ending matters ("legs" is not "leg"). */
    private String form(String word) {
        return exactWords.contains(word) ? word : Stemmer.stem(word);
    }

    /** The red flags in a message, highest tier first; {@code duringTechnique} adds the mid-technique stop terms. */
    public List<RedFlag> detect(String text, boolean duringTechnique) {
        return screen(text, duringTechnique).flags();
    }

    /** The flags of a message, and the categories it mentions only vaguely (none of them also flagged). */
    public Screening screen(String text, boolean duringTechnique) {
        NegationScope scope = scope(text);
        boolean modified = scope.affirmed(modifiers, false);
        boolean general = scope.affirmed(generalQuestions, false);
        Map<String, RedFlag> found = new LinkedHashMap<>();
        var unsure = new ArrayList<String>();
        for (Screen screen : screens) {
            Tier tier = tierOf(screen, scope, duringTechnique);
            if (tier != null && general && tier != Tier.EMERGENCY) {
                continue;
            }
            if (tier != null) {
                found.put(screen.category().id(), new RedFlag(screen.category().id(), modified ? raised(tier) : tier));
            } else if (scope.affirmed(screen.unsureTerms(), false)
                    || scope.allAffirmed(screen.unsureCombinations(), false)) {
                unsure.add(screen.category().id());
            }
        }
        var flags = new ArrayList<>(found.values());
        flags.sort(Comparator.comparing(RedFlag::tier));
        return new Screening(flags, unsure);
    }

    /**
     * Whether a message says an earlier flag was a misunderstanding: a correction phrase ("I didn't mean that"), or a
     * red-flag term the user now denies ("no, I don't have chest pain").
     */
    public boolean isCorrection(String text) {
        NegationScope scope = scope(text);
        return scope.affirmed(corrections, false) || screens.stream().anyMatch(s -> scope.denied(s.terms()));
    }

    /** A modifier raises what comes with it one tier, up to urgent: it never makes an emergency on its own. */
    private static Tier raised(Tier tier) {
        return switch (tier) {
            case CAUTION -> Tier.SEE_DOCTOR;
            case SEE_DOCTOR, URGENT -> Tier.URGENT;
            case EMERGENCY -> Tier.EMERGENCY;
        };
    }

    private Tier tierOf(Screen screen, NegationScope scope, boolean duringTechnique) {
        boolean past = rules.pastMarkers().categories().contains(screen.category().id());
        if (scope.affirmed(screen.emergencyTerms(), past) || scope.allAffirmed(screen.emergencyCombinations(), past)) {
            return Tier.EMERGENCY;
        }
        boolean hit = scope.affirmed(screen.terms(), past)
                || (duringTechnique && scope.affirmed(screen.stopTerms(), past))
                || scope.allAffirmed(screen.combinations(), past);
        return hit ? screen.category().tier() : null;
    }

    private NegationScope scope(String text) {
        List<Token> tokens = TextNormalizer.tokens(text);
        var words = new ArrayList<String>(tokens.size());
        var sentenceStarts = new HashSet<Integer>();
        for (int i = 0; i < tokens.size(); i++) {
            String age = ageAt(tokens, i);
            words.add(form(age != null ? age : speller.apply(tokens.get(i).text())));
            if (i > 0 && endsSentence(text.substring(tokens.get(i - 1).end(), tokens.get(i).start()))) {
                sentenceStarts.add(i);
            }
        }
        for (var match : idioms.find(words)) {
            for (int i = match.from(); i < match.to(); i++) {
                words.set(i, BLANK);
            }
        }
        return new NegationScope(words, sentenceStarts, rules.negation(), scopeLexicon);
    }

    /** The age marker a number stands for when it is said as an age ("I'm 78", "82 years old"), else null. */
    private String ageAt(List<Token> tokens, int i) {
        String word = tokens.get(i).text();
        if (word.length() < 2 || word.length() > 3 || !word.chars().allMatch(Character::isDigit)) {
            return null;
        }
        boolean said = (i > 0 && ageBefore.contains(tokens.get(i - 1).text()))
                || (i + 1 < tokens.size() && ageAfter.contains(tokens.get(i + 1).text()));
        boolean other = tokens.subList(Math.max(0, i - 2), i).stream()
                .anyMatch(t -> rules.ages().notAfter().contains(t.text()));
        return said && !other ? rules.ages().marker(Integer.parseInt(word)) : null;
    }

    private static boolean endsSentence(String gap) {
        return gap.chars().anyMatch(c -> SENTENCE_END.indexOf(c) >= 0);
    }
}
