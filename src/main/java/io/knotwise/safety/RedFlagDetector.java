package io.knotwise.safety;

import io.knotwise.nlu.IntentClassifier;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.PhraseIndex;
import io.knotwise.nlu.PhraseScanner;
import io.knotwise.nlu.SpellingCorrector;
import io.knotwise.nlu.Stemmer;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Token;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Screens one message for the red-flag categories of {@link SafetyRules}: whole-word terms and combinations, read
 * through a NegEx scope (negation, hypotheticals, past events, terminators, sentence ends), on word stems, with
 * idioms removed, misspellings corrected and modifiers raising the tier of what comes with them. Immutable and
 * thread-safe.
 */
public final class RedFlagDetector {

    static final String BLANK = "\u0000";
    /** What a year before this one is read as, a past marker of {@code safety/reading.yml} ("a clot in 2012"). */
    private static final String PAST_YEAR = "pastyear";
    private static final String SENTENCE_END = ".?!;";
    /** The words, as read, that open a plain no. */
    private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "nop");
    /** Words that end an answer as punctuation would ("Pregnant? Definitely not lol"). */
    private static final Set<String> FILLERS = Set.of("lol", "haha", "lmao", "tbh", "x", "xx", "thanks", "ty", "mate");
    /** A negative contraction typed without its apostrophe: "dont", "doesnt", "cant", "wont", "havent". */
    private static final Pattern WITHOUT_APOSTROPHE = Pattern.compile(
            "(do|does|did|is|are|was|were|have|has|had|ca|could|would|should|must|need|wo|ai)nt");
    /** Other contractions typed without the apostrophe, where the bare word is not also a common word. */
    private static final Map<String, String> APOSTROPHE_DROPPED = Map.of("im", "i'm", "ive", "i've", "hes", "he's",
            "shes", "she's", "thats", "that's", "whats", "what's", "theres", "there's", "youre", "you're",
            "theyre", "they're");
    /** Words whose "'s" is part of a phrase ("what's a", "it's normal"); a noun's is dropped ("my chest's tight"). */
    private static final Set<String> KEEPS_ITS_S = Set.of("it's", "that's", "what's", "there's", "here's", "he's",
            "she's", "who's", "where's", "how's", "let's");
    private static final String PUNCTUATION = ".?!;:,-\u2013\u2014/()|";
    /** A number glued to the word after it ("20wks", "6kg", "102f"), but not "80s", "3am" or "2nd". */
    private static final Pattern GLUED_UNIT = Pattern.compile("(\\d)(?!(?:s|am|pm|st|nd|rd|th)\\b)(?=[a-z])",
            Pattern.CASE_INSENSITIVE);
    /**
     * What a body temperature of 38 °C (100.4 °F) or more is read as, a fever term of {@code safety/categories.yml}.
     */
    private static final String FEVER_READING = "feverreading";
    private static final Set<String> DEGREES = Set.of("c", "f", "degrees", "degree", "deg", "celsius", "fahrenheit");

    private final SafetyRules rules;
    /** The marks of {@link SafetyRules#dictation()}, keyed by the phrase said aloud in lower case, single-spaced. */
    private final Map<String, String> marks;
    /** Those phrases as whole words in any case. */
    private final Pattern dictated;
    private final Set<String> exactWords;
    private final SpellingCorrector speller;
    private final PhraseIndex<Boolean> idioms;
    /** Phrases that keep their words from an idiom inside them: "my head is killing me" is a headache. */
    private final PhraseIndex<Boolean> literals;
    private final PhraseIndex<Boolean> modifiers;
    private final List<List<PhraseIndex<Boolean>>> modifierCombinations;
    private final PhraseIndex<Boolean> corrections;
    private final PhraseIndex<Boolean> generalQuestions;
    private final Set<String> ageBefore;
    private final Set<String> ageAfter;
    /** Every term list of the screen (filled while indexing), then searched in one pass by {@link #scanner}. */
    private final List<PhraseIndex<?>> indexed = new ArrayList<>();
    private final PhraseScanner scanner;
    private final ConText.Lexicon scopeLexicon;
    private final Set<String> namedConditions;
    private final Set<String> notForOthers;
    private final List<Screen> screens;
    /** For each of {@link #screens}, the scanner's numbers of all its term lists: a category none of them is in is
     * not read further. */
    private final List<int[]> screenLists;
    private final IntentClassifier secondOpinion;
    private final PhraseIndex<List<String>> concepts;
    private final Map<String, Set<String>> grounds;
    private final Map<String, List<ConceptPattern>> patterns;
    /** The concepts that say a mention passes, for answers to the clarifying question. */
    private final Set<String> passing;

    private record Screen(Category category, PhraseIndex<Boolean> terms, List<List<PhraseIndex<Boolean>>> combinations,
                          PhraseIndex<Boolean> emergencyTerms, List<List<PhraseIndex<Boolean>>> emergencyCombinations,
                          PhraseIndex<Boolean> stopTerms, PhraseIndex<Boolean> unsureTerms,
                          List<List<PhraseIndex<Boolean>>> unsureCombinations) {

        /** Every term list of the category. */
        List<PhraseIndex<Boolean>> lists() {
            var lists = new ArrayList<>(List.of(terms, emergencyTerms, stopTerms, unsureTerms));
            Stream.of(combinations, emergencyCombinations, unsureCombinations).flatMap(List::stream)
                    .forEach(lists::addAll);
            return lists;
        }
    }

    /** Which of someone else's current mentions a category raises: none, symptoms but no named condition, all. */
    private enum Others { NEVER, SYMPTOMS, ALWAYS }

    /** A detector that corrects no spelling. */
    public RedFlagDetector(SafetyRules rules) {
        this(rules, Set.of());
    }

    /**
     * @param knownWords words that are never taken for misspellings of a red-flag word (the training vocabulary)
     */
    public RedFlagDetector(SafetyRules rules, Set<String> knownWords) {
        this(rules, knownWords, null);
    }

    /**
     * @param secondOpinion the learned second opinion: ranks the labels of {@link #reading} (a category id, or
     *     {@code id:tier} where the tier differs from the category's, or {@code none}); null for rules alone
     */
    public RedFlagDetector(SafetyRules rules, Set<String> knownWords, IntentClassifier secondOpinion) {
        this.rules = rules;
        this.marks = rules.dictation().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> spokenForm(e.getKey()), Map.Entry::getValue));
        this.dictated = saidAloud(marks.keySet());
        this.secondOpinion = secondOpinion;
        this.exactWords = Set.copyOf(rules.exactWords());
        this.idioms = index(rules.idioms());
        this.literals = index(rules.literals());
        this.modifiers = index(rules.modifiers().terms());
        this.modifierCombinations = combinations(rules.modifiers().combinations());
        this.corrections = index(rules.corrections());
        this.generalQuestions = index(rules.generalQuestions());
        this.ageBefore = Set.copyOf(rules.ages().before());
        this.ageAfter = Set.copyOf(rules.ages().after());
        Negation negation = rules.negation();
        Experiencer experiencer = rules.experiencer();
        this.concepts = conceptIndex(rules.concepts());
        List<ConText.Cause> causes = rules.concepts().explains().causes().entrySet().stream()
                .map(e -> ConText.Cause.of(e.getKey(), e.getValue())).toList();
        this.scopeLexicon = new ConText.Lexicon(negation.window(), experiencer.window(), index(negation.triggers()),
                index(negation.hypothetical()), index(negation.pseudoTriggers()), index(negation.postTriggers()),
                index(negation.answers()), index(negation.terminators()), index(rules.pastMarkers().terms()),
                index(rules.pastMarkers().ongoing()), index(rules.pastMarkers().recent()),
                index(experiencer.triggers()), index(experiencer.backward()), index(experiencer.firstPerson()),
                index(experiencer.userSites()),
                index(experiencer.past()), index(experiencer.subject()), index(experiencer.self()),
                index(negation.questionStarts()), index(negation.affirmatives()), index(negation.stated()),
                index(experiencer.work().markers()), index(experiencer.work().jobs()),
                index(experiencer.work().claims()), index(negation.leadIns()), index(negation.doubledBy()),
                index(negation.owned()), index(experiencer.history()), index(rules.pastMarkers().turns()),
                index(negation.presupposing()), index(negation.presupposable()), index(negation.supposing()),
                index(negation.advising()), itemAnswers(negation.itemAnswers()), concepts, causes,
                Set.copyOf(rules.concepts().explains().unless()), alongside(rules.concepts(), causes),
                index(rules.concepts().explains().brokenBy()),
                index(rules.concepts().explains().undoneBy()));
        this.namedConditions = experiencer.namedConditions().stream().map(this::form).collect(Collectors.toSet());
        this.notForOthers = Set.copyOf(experiencer.notForOthers());
        this.screens = rules.categories().stream().map(this::screen).toList();
        var groundsById = new LinkedHashMap<String, Set<String>>();
        rules.concepts().grounds().forEach((id, list) -> groundsById.put(id, Set.copyOf(list)));
        this.grounds = Map.copyOf(groundsById);
        this.patterns = conceptPatterns(rules.concepts());
        this.passing = Set.copyOf(rules.concepts().explains().passing());
        this.speller = new SpellingCorrector(vocabulary(), knownWords, rules.spellings());
        indexed.add(concepts);
        this.scanner = new PhraseScanner(indexed);
        this.screenLists = screens.stream().map(s -> scanner.ids(s.lists())).toList();
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

    /** What an explained mention may say besides what is explained: the data's list, and the causes themselves. */
    private static Set<String> alongside(Concepts layer, List<ConText.Cause> causes) {
        var alongside = new HashSet<>(layer.explains().alongside());
        causes.forEach(cause -> {
            alongside.add(cause.concept());
            alongside.addAll(cause.needs());
        });
        return Set.copyOf(alongside);
    }

    /** Every phrase of the concept layer, under the concepts it says (a phrase may say several). */
    private PhraseIndex<List<String>> conceptIndex(Concepts layer) {
        // Keyed by the phrase's words in matched form, so "bad headache" also says what "headache" says: the index
        // finds only the longest phrase at each place, and a shorter one inside it must not be lost.
        var byForm = new LinkedHashMap<String, List<String>>();
        var phraseOf = new LinkedHashMap<String, String>();
        layer.lexicon().forEach((concept, phrases) -> phrases.forEach(phrase -> {
            String key = String.join(" ", Arrays.stream(TextNormalizer.words(phrase)).map(this::form).toList());
            byForm.computeIfAbsent(key, k -> new ArrayList<>()).add(concept);
            phraseOf.putIfAbsent(key, phrase);
        }));
        var byPhrase = new LinkedHashMap<String, List<String>>();
        byForm.forEach((key, concepts) -> {
            var all = new ArrayList<>(concepts);
            String[] words = key.split(" ");
            for (int from = 0; from < words.length; from++) {
                for (int to = from + 1; to <= words.length; to++) {
                    for (String inner : byForm.getOrDefault(String.join(" ",
                            Arrays.copyOfRange(words, from, to)), List.of())) {
                        if (!all.contains(inner)) {
                            all.add(inner);
                        }
                    }
                }
            }
            byPhrase.put(phraseOf.get(key), List.copyOf(all));
        });
        return PhraseIndex.of(byPhrase, this::form);
    }

    /** Every word of every red-flag phrase: what a misspelling is corrected towards. */
    private Set<String> vocabulary() {
        var phrases = new ArrayList<String>(rules.modifiers().phrases());
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

    /** Each answer that fits one checklist item only, to the forms of the items it may deny. */
    private PhraseIndex<Set<String>> itemAnswers(List<Negation.ItemAnswers> groups) {
        var items = new HashMap<String, Set<String>>();
        for (Negation.ItemAnswers group : groups) {
            for (String answer : group.answers()) {
                items.computeIfAbsent(answer, a -> new HashSet<>()).addAll(group.items().stream().map(this::form)
                        .toList());
            }
        }
        return index(items.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()))));
    }

    /** Phrases are matched on word stems, so every inflection of a term counts. */
    private PhraseIndex<Boolean> index(List<String> phrases) {
        return index(phrases.stream().distinct().collect(Collectors.toMap(Function.identity(), p -> true)));
    }

    /** The phrases indexed in the form words are matched in, and found by the scanner's one pass over a message. */
    private <V> PhraseIndex<V> index(Map<String, V> phrases) {
        var index = PhraseIndex.of(phrases, this::form);
        indexed.add(index);
        return index;
    }

    /**
     * The form a word is matched in: its stem, unless its ending matters ("legs" is not "leg"); a contraction typed
     * without its apostrophe is read with it ("doesnt" is "doesn't", "im" is "i'm"), a noun without its "'s" ("my
     * chest's tight", "mum's breathless"), in the terms and the messages alike.
     */
    private String form(String word) {
        String full = word.endsWith("nt") && WITHOUT_APOSTROPHE.matcher(word).matches()
                ? word.substring(0, word.length() - 1) + "'t"
                : APOSTROPHE_DROPPED.getOrDefault(word, word);
        if (full.endsWith("'s") && !KEEPS_ITS_S.contains(full)) {
            full = full.substring(0, full.length() - 2);
        }
        return exactWords.contains(full) ? full : Stemmer.stem(full);
    }

    /** The red flags in a message, highest tier first; {@code duringTechnique} adds the mid-technique stop terms. */
    public List<RedFlag> detect(String text, boolean duringTechnique) {
        return screen(text, duringTechnique).flags();
    }

    /** The flags of a message, and the categories it mentions only vaguely (none of them also flagged). */
    public Screening screen(String text, boolean duringTechnique) {
        ConText scope = scope(text);
        boolean modified = affirmed(scope, modifiers, false, Others.NEVER)
                || allAffirmed(scope, modifierCombinations, false, Others.NEVER);
        boolean general = affirmed(scope, generalQuestions, false, Others.NEVER);
        Map<String, RedFlag> found = new LinkedHashMap<>();
        var unsure = new ArrayList<String>();
        var mentioned = new ConceptsSaid(conceptsOf(scope));
        for (int i = 0; i < screens.size(); i++) {
            Screen screen = screens.get(i);
            boolean said = scope.mentionsAnyOf(screenLists.get(i));
            Tier tier = said ? tierOf(screen, scope, duringTechnique) : null;
            Tier patterned = patternTier(screen.category(), mentioned);
            if (patterned != null && (tier == null || patterned.isHigherThan(tier))) {
                tier = patterned;
            }
            if (tier != null && general && tier != Tier.EMERGENCY) {
                continue;
            }
            if (tier != null) {
                found.put(screen.category().id(), new RedFlag(screen.category().id(), modified ? raised(tier) : tier));
            } else if (said && (affirmed(scope, screen.unsureTerms(), false, Others.NEVER)
                    || allAffirmed(scope, screen.unsureCombinations(), false, Others.NEVER))) {
                unsure.add(screen.category().id());
            }
        }
        if (scope.asksInGeneral()) {
            askAboutEmergencies(scope.overlooking(EnumSet.of(ConText.Overlook.QUESTIONS)), duringTechnique, found,
                    unsure);
        }
        if (secondOpinion != null) {
            List<IntentScore> opinion = secondOpinion.rank(reading(scope));
            consult(opinion, scope, found, unsure, general, modified);
            overrule(opinion, found, unsure);
        }
        // After the second opinion, which may read a supposed or an explained emergency as said: what it leaves is
        // asked about.
        if (scope.explains()) {
            askAboutEmergencies(scope.overlooking(EnumSet.of(ConText.Overlook.CAUSES)), duringTechnique, found, unsure);
        }
        if (scope.supposes()) {
            askAboutEmergencies(scope.overlooking(EnumSet.of(ConText.Overlook.SUPPOSITIONS,
                    ConText.Overlook.QUESTIONS)), duringTechnique, found, unsure);
        }
        var flags = new ArrayList<>(found.values());
        flags.sort(Comparator.comparing(RedFlag::tier));
        return new Screening(flags, unsure);
    }

    /**
     * A question about an emergency that does not say the user has it ("is crushing chest pain always a heart
     * attack?"), one supposed ("is it ok to use the ball if my chest feels squeezed?"), or one an ordinary cause
     * explains ("my bum's gone numb on this hard chair") raises no flag, but it is not let go either: it earns the
     * clarifying question, which already carries the emergency advice. {@code literal} reads the message with the
     * question or the supposition taken as said, or the cause overlooked; its concept patterns count too.
     */
    private void askAboutEmergencies(ConText literal, boolean duringTechnique, Map<String, RedFlag> found,
                                     List<String> unsure) {
        // Concept patterns count only where a cause is overlooked: a general question's patterns are the second
        // opinion's to weigh ("can barely talk, air hunger" reads like a question and is not one).
        ConceptsSaid mentioned = literal.overlooks(ConText.Overlook.CAUSES) ? new ConceptsSaid(conceptsOf(literal))
                : null;
        for (int i = 0; i < screens.size(); i++) {
            Screen screen = screens.get(i);
            String id = screen.category().id();
            if (!found.containsKey(id) && !unsure.contains(id)
                    && (literal.mentionsAnyOf(screenLists.get(i)) && tierOf(screen, literal, duringTechnique)
                    == Tier.EMERGENCY || mentioned != null && patternTier(screen.category(), mentioned)
                    == Tier.EMERGENCY)) {
                unsure.add(id);
            }
        }
    }

    /** What the learned second opinion thinks of a message, most likely first (empty without one). */
    public List<IntentScore> opinion(String text) {
        return secondOpinion == null ? List.of() : secondOpinion.rank(reading(scope(text)));
    }

    /** The concepts a message mentions that ConText keeps: what grounds the second opinion. */
    public Set<String> groundingConcepts(String text) {
        return groundingConcepts(scope(text));
    }

    /** The message as the learned second opinion reads it (and is trained on): ConText-marked word forms. */
    public String[] reading(String text) {
        return reading(scope(text));
    }

    /** The marked words, then one {@code §concept} word per concept mentioned, marked as ConText reads it. */
    private String[] reading(ConText scope) {
        String[] marked = scope.marked();
        var out = new ArrayList<String>(marked.length + 8);
        out.addAll(Arrays.asList(marked));
        for (ConText.ConceptMention mention : conceptsOf(scope)) {
            for (String concept : mention.concepts()) {
                out.add(mention.prefix() + "\u00A7" + concept);
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * The highest tier a concept pattern raises a category at, or null: every group of the pattern needs a mention
     * ConText keeps (someone else's only where the category is raised for others, and then no past of theirs).
     */
    private Tier patternTier(Category category, ConceptsSaid mentioned) {
        Tier best = null;
        for (ConceptPattern pattern : patterns.getOrDefault(category.id(), List.of())) {
            if ((best == null || pattern.tier().isHigherThan(best)) && pattern.matches(mentioned)) {
                best = pattern.tier();
            }
        }
        return best;
    }

    /**
     * A pattern of concepts read once from the data: its tier, each group's alternatives, and who it counts for. All
     * of a pattern's mentions are one person's: "my dad had a heart attack ... my shoulders are tight" is not chest
     * pressure.
     */
    private record ConceptPattern(Tier tier, List<List<String>> groups, boolean forOthers) {

        boolean matches(ConceptsSaid mentioned) {
            return matches(mentioned.users()) || forOthers && matches(mentioned.othersNow());
        }

        private boolean matches(Set<String> said) {
            if (said.isEmpty()) {
                return groups.isEmpty();
            }
            for (List<String> alternatives : groups) {
                if (Collections.disjoint(alternatives, said)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The concepts of a message's mentions, read once for every pattern: those plainly the user's, and those of
     * someone else happening now.
     */
    private record ConceptsSaid(Set<String> users, Set<String> othersNow) {

        ConceptsSaid(List<ConText.ConceptMention> mentioned) {
            this(said(mentioned, ConText.ConceptMention::theUsers), said(mentioned,
                    ConText.ConceptMention::someoneElsesNow));
        }

        private static Set<String> said(List<ConText.ConceptMention> mentioned,
                                        Predicate<ConText.ConceptMention> whose) {
            var said = new HashSet<String>();
            for (ConText.ConceptMention mention : mentioned) {
                if (whose.test(mention)) {
                    said.addAll(mention.concepts());
                }
            }
            return said;
        }
    }

    private Map<String, List<ConceptPattern>> conceptPatterns(Concepts layer) {
        var byCategory = new LinkedHashMap<String, List<ConceptPattern>>();
        layer.patterns().forEach((key, list) -> {
            String[] parts = key.split(":", 2);
            Category category = rules.category(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "safety/concepts.yml: patterns: unknown category " + parts[0]));
            Tier tier = parts.length > 1 ? Tier.fromId(parts[1]) : category.tier();
            boolean forOthers = tier.escalates() && !notForOthers.contains(category.id());
            for (List<String> pattern : list) {
                var groups = pattern.stream().map(g -> List.of(g.split("\\|"))).toList();
                byCategory.computeIfAbsent(category.id(), k -> new ArrayList<>())
                        .add(new ConceptPattern(tier, groups, forOthers));
            }
        });
        byCategory.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(byCategory);
    }

    /**
     * The concepts a message mentions that ConText does not dismiss (not negated, not in the past); a mention only
     * supposed ("... if my chest feels squeezed?") grounds the second opinion too, which learned when that is a
     * statement.
     */
    private Set<String> groundingConcepts(ConText scope) {
        var found = new HashSet<String>();
        for (ConText.ConceptMention mention : conceptsOf(scope)) {
            if (mention.kept(true) || mention.prefix().equals(ConText.SUPPOSED)) {
                found.addAll(mention.concepts());
            }
        }
        return found;
    }

    /**
     * Asks the learned second opinion: a label it is sure of raises its category where the rules did not (at least
     * at the label's tier) unless they found the message vague and it is not {@code decisive}: then they ask, except
     * about another category's emergency ("my hand won't do what I tell it and my face feels funny" is a stroke,
     * whatever the rules ask about the hand); one it is unsure of, or one it ranks below "harmless" (unless the
     * message mentions its concepts and it is at least {@code ungrounded}), of an emergency or urgent category, earns
     * the clarifying question. Below {@code ungrounded} it acts only on categories whose concepts the message
     * mentions.
     */
    private void consult(List<IntentScore> opinion, ConText scope, Map<String, RedFlag> found, List<String> unsure,
                         boolean general, boolean modified) {
        SecondOpinion thresholds = rules.secondOpinion();
        Set<String> mentioned = groundingConcepts(scope);
        List<String> vague = List.copyOf(unsure);
        boolean belowNone = false;
        for (IntentScore score : opinion) {
            if (score.confidence() < thresholds.clarify()) {
                break;
            }
            if (score.name().equals(SafetySet.NONE)) {
                belowNone = true;
                continue;
            }
            String[] label = score.name().split(":", 2);
            Category category = rules.category(label[0]).orElse(null);
            if (category == null) {
                continue;
            }
            Set<String> ground = grounds.getOrDefault(score.name(), grounds.getOrDefault(category.id(), Set.of()));
            boolean grounded = ground.stream().anyMatch(mentioned::contains);
            if (!grounds.isEmpty() && !grounded && (score.confidence() < thresholds.ungrounded()
                    || score.confidence() < thresholds.decisive() && rules.concepts().contradicts()
                    .getOrDefault(category.id(), List.of()).stream().anyMatch(mentioned::contains))) {
                continue;
            }
            Tier tier = label.length > 1 ? Tier.fromId(label[1]) : category.tier();
            RedFlag already = found.get(category.id());
            if (already != null && !tier.isHigherThan(already.tier())) {
                continue;
            }
            boolean rulesAsk = !vague.isEmpty() && (tier != Tier.EMERGENCY || vague.contains(category.id()))
                    && score.confidence() < thresholds.decisive();
            boolean outranked = belowNone && !(grounded && score.confidence() >= thresholds.ungrounded());
            if (score.confidence() >= thresholds.raise() && !rulesAsk && !outranked) {
                if (!(general && tier != Tier.EMERGENCY)) {
                    found.put(category.id(), new RedFlag(category.id(), modified ? raised(tier) : tier));
                    unsure.remove(category.id());
                }
            } else if ((score.confidence() < thresholds.raise() || outranked) && tier.escalates() && already == null
                    && !unsure.contains(category.id())) {
                unsure.add(category.id());
            }
        }
    }

    /**
     * Where the second opinion reads a message as harmless ({@code none} first, at {@code overrule} or above), it
     * overrules the rules' urgent and see-a-doctor flags: an urgent flag becomes the clarifying question (which
     * carries the advice and raises the flag on a yes or an unclear answer), a see-a-doctor one is let go. An
     * emergency always stands, and so does a caution: it only makes the massage gentler, and missing one (blood
     * thinners, pregnancy) is what hurts.
     */
    private void overrule(List<IntentScore> opinion, Map<String, RedFlag> found, List<String> unsure) {
        IntentScore first = opinion.isEmpty() ? null : opinion.get(0);
        if (first == null || !first.name().equals(SafetySet.NONE)
                || !rules.secondOpinion().overrules(first.confidence())) {
            return;
        }
        for (RedFlag flag : List.copyOf(found.values())) {
            if (flag.tier() == Tier.EMERGENCY || flag.tier() == Tier.CAUTION) {
                continue;
            }
            found.remove(flag.id());
            if (flag.tier().escalates() && !unsure.contains(flag.id())) {
                unsure.add(flag.id());
            }
        }
    }

    /**
     * Whether a message says an earlier flag was a misunderstanding: a correction phrase ("I didn't mean that"), or a
     * red-flag term the user now denies ("no, I don't have chest pain").
     */
    public boolean isCorrection(String text) {
        ConText scope = scope(text);
        return affirmed(scope, corrections, false, Others.NEVER) || screens.stream().anyMatch(s -> scope.denied(s
                .terms()));
    }

    /** How an answer to the clarifying question reads, beside the intent model's yes or no. */
    public enum AnswerReading {
        /** A no told with what passes ("no, it goes away as soon as I stand up"): a no. */
        NO_IT_PASSES,
        /** It says that what was asked about lasts or feels uncanny ("no, it's still numb"): never a no. */
        IT_LASTS,
        /** Neither: the intent model's reading stands. */
        NEITHER
    }

    /**
     * How an answer to the clarifying question reads: what follows an opening no is read on its own, since the no
     * denies what was asked, not what the answer tells ("no it wore off as soon as I stood up"), while a denial of its
     * own still counts ("no, it never wears off").
     */
    public AnswerReading readAnswer(String text) {
        List<Token> tokens = TextNormalizer.tokens(text);
        boolean opensWithNo = !tokens.isEmpty() && NO_WORDS.contains(tokens.get(0).text().toLowerCase(Locale.ROOT));
        ConText scope = scope(opensWithNo ? text.substring(tokens.get(0).end()) : text);
        boolean passes = false;
        for (ConText.ConceptMention mention : conceptsOf(scope)) {
            if (!Collections.disjoint(mention.concepts(), scopeLexicon.unless())) {
                return AnswerReading.IT_LASTS;
            }
            passes |= mention.theUsers() && !Collections.disjoint(mention.concepts(), passing);
        }
        return opensWithNo && passes ? AnswerReading.NO_IT_PASSES : AnswerReading.NEITHER;
    }

    /** The categories a message denies ("no chest pain, no numbness"): what an answer to the checklist rules out. */
    public Set<String> denied(String text) {
        ConText scope = scope(text);
        var denied = screens.stream().filter(s -> scope.denied(s.terms())).map(s -> s.category().id())
                .collect(Collectors.toCollection(HashSet::new));
        for (ConText.ConceptMention mention : conceptsOf(scope)) {
            if (mention.prefix().equals(ConText.NEGATED)) {
                grounds.forEach((key, ground) -> {
                    if (mention.concepts().stream().anyMatch(ground::contains)) {
                        denied.add(key.split(":", 2)[0]);
                    }
                });
            }
        }
        return Set.copyOf(denied);
    }

    /** A modifier raises what comes with it one tier, up to urgent: it never makes an emergency on its own. */
    private static Tier raised(Tier tier) {
        return switch (tier) {
            case CAUTION -> Tier.SEE_DOCTOR;
            case SEE_DOCTOR, URGENT -> Tier.URGENT;
            case EMERGENCY -> Tier.EMERGENCY;
        };
    }

    private Tier tierOf(Screen screen, ConText scope, boolean duringTechnique) {
        boolean past = rules.pastMarkers().categories().contains(screen.category().id());
        if (affirmed(scope, screen.emergencyTerms(), past, Others.ALWAYS)
                || allAffirmed(scope, screen.emergencyCombinations(), past, Others.ALWAYS)) {
            return Tier.EMERGENCY;
        }
        Tier tier = screen.category().tier();
        Others others = tier == Tier.EMERGENCY ? Others.ALWAYS
                : tier == Tier.URGENT && !notForOthers.contains(screen.category().id()) ? Others.SYMPTOMS
                : Others.NEVER;
        boolean hit = affirmed(scope, screen.terms(), past, others)
                || (duringTechnique && affirmed(scope, screen.stopTerms(), past, Others.NEVER))
                || allAffirmed(scope, screen.combinations(), past, others);
        return hit ? screen.category().tier() : null;
    }

    /**
     * Whether some mention of the terms counts: not negated or asked about, not in the past when the past does not
     * count, not a condition named where the user says what their job is, and the user's own, or someone else's
     * current one as far as {@code forOthers} allows.
     */
    private boolean affirmed(ConText scope, PhraseIndex<Boolean> terms, boolean pastCounts, Others forOthers) {
        List<PhraseIndex.Match<Boolean>> matches = scope.matches(terms);
        for (int i = 0; i < matches.size(); i++) {
            var mention = matches.get(i);
            if (scope.atWork(mention) && namesACondition(scope, mention)) {
                continue;
            }
            // Someone else's current symptom counts as far as forOthers allows; a condition they are named with
            // only for emergencies, and not when it is their history ("my mum had a clot on the lung").
            if (scope.counts(mention, pastCounts, (match, theirPast) -> forOthers != Others.NEVER && !theirPast
                    && ((forOthers == Others.ALWAYS && !scope.theirHistory(match))
                    || !namesACondition(scope, match)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some combination has a counting mention in each of its groups. */
    private boolean allAffirmed(ConText scope, List<List<PhraseIndex<Boolean>>> combinations, boolean pastCounts,
                                Others forOthers) {
        for (List<PhraseIndex<Boolean>> groups : combinations) {
            boolean all = true;
            for (PhraseIndex<Boolean> group : groups) {
                if (!affirmed(scope, group, pastCounts, forOthers)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * The concept mentions of a message; a condition named where the user says what their job is is not theirs, and
     * one someone else had is their history.
     */
    private List<ConText.ConceptMention> conceptsOf(ConText scope) {
        return scope.concepts(mention -> namesACondition(scope, mention));
    }

    /** Whether a mention is a diagnosis or treatment ("a dvt", "chemo") rather than a symptom. */
    private boolean namesACondition(ConText scope, PhraseIndex.Match<Boolean> mention) {
        for (int i = mention.from(); i < mention.to(); i++) {
            if (namedConditions.contains(scope.word(i))) {
                return true;
            }
        }
        return false;
    }

    /** The plain ConText reading of a text; {@link ConText#overlooking} gives its literal re-readings. */
    private ConText scope(String text) {
        String spaced = GLUED_UNIT.matcher(readDictation(readEmoji(text))).replaceAll("$1 ");
        List<Token> tokens = TextNormalizer.tokens(spaced);
        boolean shouting = noLowerCase(text);
        var words = new ArrayList<String>(tokens.size());
        var sentenceStarts = new HashSet<Integer>();
        var standalone = new HashSet<Integer>();
        var punctuated = new HashSet<Integer>();
        var asking = new HashSet<Integer>();
        for (int i = 0; i < tokens.size(); i++) {
            String gap = spaced.substring(tokens.get(i).end(), i + 1 < tokens.size() ? tokens.get(i + 1).start()
                    : spaced.length());
            String age = ageAt(tokens, i, gap);
            String word = shouting ? tokens.get(i).text() : shorthand(spaced, tokens.get(i));
            words.add(feverReading(spaced, tokens, i) ? form(FEVER_READING) : age != null ? form(age)
                    : pastYear(word) || pastAge(tokens, i) ? PAST_YEAR : form(speller.apply(word)));
            if (i + 1 == tokens.size() || TextNormalizer.anyOf(gap, PUNCTUATION)) {
                punctuated.add(i);
            }
            if (punctuated.contains(i) || FILLERS.contains(tokens.get(i + 1).text())) {
                standalone.add(i);
            }
            if (gap.indexOf('?') >= 0 || gap.indexOf(':') >= 0) {
                asking.add(i);
            }
            if (i > 0 && endsSentence(spaced.substring(tokens.get(i - 1).end(), tokens.get(i).start()))
                    && !decimal(spaced, tokens, i - 1)) {
                sentenceStarts.add(i);
            }
        }
        var idiomatic = idioms.find(words);
        var literal = idiomatic.isEmpty() ? List.<PhraseIndex.Match<Boolean>>of() : literals.find(words);
        for (var match : idiomatic) {
            // An idiom is said in one breath: "No. Sweaty? only from the gym" and "fever no, sweats no" are not
            // "no sweat"; a filler may be part of it ("can't breathe lol").
            if (IntStream.range(match.from(), match.to() - 1).noneMatch(punctuated::contains)
                    && literal.stream().noneMatch(l -> l.from() < match.to() && match.from() < l.to())) {
                for (int i = match.from(); i < match.to(); i++) {
                    words.set(i, BLANK);
                }
            }
        }
        return new ConText(words, sentenceStarts, standalone, asking, scopeLexicon, scanner.scan(words),
                EnumSet.noneOf(ConText.Overlook.class));
    }

    /** The text with each emoji of the rules written as its word ("12 wks 🤰" is "12 wks pregnant"). */
    private String readEmoji(String text) {
        String read = text;
        for (Map.Entry<String, String> e : rules.emoji().entrySet()) {
            if (read.contains(e.getKey())) {
                read = read.replace(e.getKey(), " " + e.getValue() + " ");
            }
        }
        return read;
    }

    /**
     * The text with punctuation said aloud to a dictating phone written as its mark, so that it ends a sentence or asks
     * as the mark would ("chest pain question mark none full stop" is "chest pain? none."). Whole words only, any case.
     */
    private String readDictation(String text) {
        return dictated.matcher(text).replaceAll(m -> Matcher.quoteReplacement(" " + marks.get(spokenForm(m.group()))
                + " "));
    }

    /** A phrase said aloud as the marks are keyed: lower case, its words one space apart. */
    private static String spokenForm(String phrase) {
        return phrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** A pattern matching any of the phrases as whole words in any case, the longest first (none when none). */
    private static Pattern saidAloud(Set<String> phrases) {
        String alternatives = phrases.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(p -> Pattern.quote(p).replace(" ", "\\E\\s+\\Q")).collect(Collectors.joining("|"));
        return Pattern.compile(alternatives.isEmpty() ? "(?!)" : "\\b(?:" + alternatives + ")\\b",
                Pattern.CASE_INSENSITIVE);
    }

    /**
     * A token as read, where a shorthand written in capitals stands for its word ("I have AS" is ankylosing
     * spondylitis, "as" is not): the spellings list it under its capitals. Not called for a message that shouts.
     */
    private String shorthand(String text, Token token) {
        return rules.spellings().getOrDefault(text.substring(token.start(), token.end()), token.text());
    }

    /**
     * Whether a number is said as a body temperature of 38 °C or 100.4 °F and more: with a decimal ("38.5", "101.3")
     * or a unit ("39 degrees", "102f", "39°").
     */
    private static boolean feverReading(String text, List<Token> tokens, int i) {
        String word = tokens.get(i).text();
        if (word.length() < 2 || word.length() > 3 || !TextNormalizer.digits(word)) {
            return false;
        }
        int value = Integer.parseInt(word);
        if (!(value >= 38 && value <= 42) && !(value >= 100 && value <= 107)) {
            return false;
        }
        boolean degreeSign = text.startsWith("\u00B0", tokens.get(i).end());
        boolean unit = i + 1 < tokens.size() && DEGREES.contains(tokens.get(i + 1).text());
        return degreeSign || unit || decimal(text, tokens, i);
    }

    /** Whether the number at a token goes on with a decimal point and a digit ("38.5"). */
    private static boolean decimal(String text, List<Token> tokens, int i) {
        if (i + 1 >= tokens.size()) {
            return false;
        }
        String next = tokens.get(i + 1).text();
        return TextNormalizer.digits(tokens.get(i).text()) && !next.isEmpty()
                && TextNormalizer.digits(next)
                && text.substring(tokens.get(i).end(), tokens.get(i + 1).start()).equals(".");
    }

    /** Whether a word is a year from 1900 up to last year. */
    private static boolean pastYear(String word) {
        if (word.length() != 4) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return false;
            }
        }
        int year = Integer.parseInt(word);
        return year >= 1900 && year < Year.now(ZoneOffset.UTC).getValue();
    }

    /** Whether a number is the age an event is dated by: "when I was 11", "when she was about 30". */
    private static boolean pastAge(List<Token> tokens, int i) {
        String word = tokens.get(i).text();
        if (word.length() > 2 || !TextNormalizer.digits(word)) {
            return false;
        }
        int was = i - 1;
        if (was >= 0 && Set.of("about", "around", "like", "maybe").contains(tokens.get(was).text())) {
            was--;
        }
        return was >= 2 && tokens.get(was).text().equals("was") && tokens.get(was - 2).text().equals("when");
    }

    /** The age marker a number stands for when it is said as an age ("I'm 78", "82 years old"), else null. */
    private String ageAt(List<Token> tokens, int i, String gapAfter) {
        String word = tokens.get(i).text();
        if (word.length() < 2 || word.length() > 3 || !TextNormalizer.digits(word)) {
            return null;
        }
        // "I'm 67", "67 years old", or a number that opens the message on its own ("56, first time my back hurt")
        boolean said = (i > 0 && ageBefore.contains(tokens.get(i - 1).text()))
                || (i + 1 < tokens.size() && ageAfter.contains(tokens.get(i + 1).text()))
                || (i == 0 && gapAfter.indexOf(',') >= 0);
        boolean other = tokens.subList(Math.max(0, i - 2), i).stream()
                .anyMatch(t -> rules.ages().notAfter().contains(t.text()));
        return said && !other ? rules.ages().marker(Integer.parseInt(word)) : null;
    }

    /** Whether no character of a text is a lowercase letter: a message typed in capitals. */
    private static boolean noLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLowerCase(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsSentence(String gap) {
        return TextNormalizer.anyOf(gap, SENTENCE_END);
    }
}
