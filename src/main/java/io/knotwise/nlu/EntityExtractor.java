package io.knotwise.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the entities of a message: lexicon phrases (body area, tool, side, technique, style, routine) in one pass over
 * every entity's phrases (the longest at each word, as OpenNLP's DictionaryNameFinder finds them, without building a
 * candidate for every span), after correcting misspelt words towards the lexicon ("tenis", "trapz"), and patterns
 * (duration in minutes, severity 0 to 10, onset, a bare number). Immutable and thread-safe.
 */
public final class EntityExtractor {

    /** A tool the user says they do not have ("no partner", "I don't have a ball"). */
    public static final String WITHOUT_TOOL = "without_tool";
    /** The word before a number that makes it a rating ("it's a 6"). */
    private static final String RATED = "a";
    /** "5ish": a number said roughly. */
    private static final String ROUGHLY = "ish";
    /** Up to how many words an answer is short enough that "six" in it is a number on its own. */
    private static final int SHORT_ANSWER = 4;
    private static final String PARTNER = "partner";
    /** How many words after a person a helper cue ("can", "will do it") may come. */
    private static final int HELPER_REACH = 4;

    /** Every lexicon phrase of every entity, so one pass finds them all. */
    private final PhraseIndex<Boolean> phrases;
    private final List<String> entityNames = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final SpellingCorrector speller;
    private final PhraseIndex<Integer> numbers;
    private final PhraseIndex<Integer> durationUnits;
    private final PhraseIndex<String> onsetUnits;
    private final PhraseIndex<String> onsetPhrases;
    private final PhraseIndex<String> notOnset;
    private final PhraseIndex<String> notOnsetBefore;
    /** Up to how many words before a number a word of {@code notOnsetBefore} may come. */
    private static final int PREGNANCY_REACH = 3;
    private final Set<String> toolNegations;
    private final PhraseIndex<String> helperCues;
    private static final int NEGATION_REACH = 3;
    private final PhraseIndex<Integer> durationPhrases;
    private final PhraseIndex<Integer> severityWords;
    private final PhraseIndex<Boolean> severityScales;

    /** An extractor that corrects no spelling. */
    public EntityExtractor(Map<String, Map<String, List<String>>> lexicon, Patterns patterns) {
        this(lexicon, patterns, Set.of());
    }

    /** @param knownWords real words, never taken for misspellings of a lexicon word */
    public EntityExtractor(Map<String, Map<String, List<String>>> lexicon, Patterns patterns, Set<String> knownWords) {
        var vocabulary = new HashSet<String>();
        var allPhrases = new HashMap<String, Boolean>();
        lexicon.forEach((entity, byValue) -> {
            entityNames.add(entity);
            byValue.forEach((value, phrases) -> phrases.forEach(phrase -> {
                String[] words = TextNormalizer.words(phrase);
                if (words.length > 0) {
                    allPhrases.put(String.join(" ", words), true);
                    values.put(entity + "|" + String.join(" ", words), value);
                    vocabulary.addAll(Arrays.asList(words));
                }
            }));
        });
        this.phrases = PhraseIndex.of(allPhrases);
        this.speller = new SpellingCorrector(vocabulary, knownWords, Map.of());
        this.numbers = PhraseIndex.of(patterns.numbers());
        this.durationUnits = PhraseIndex.of(patterns.durationUnits());
        this.onsetUnits = PhraseIndex.of(patterns.onsetUnits());
        this.onsetPhrases = PhraseIndex.of(patterns.onsetPhrases());
        this.toolNegations = Set.copyOf(patterns.toolNegations());
        this.helperCues = PhraseIndex.ofPhrases(patterns.helperCues());
        this.notOnset = PhraseIndex.ofPhrases(patterns.notOnset());
        this.notOnsetBefore = PhraseIndex.ofPhrases(patterns.notOnsetBefore());
        this.durationPhrases = PhraseIndex.of(patterns.durationPhrases());
        this.severityWords = PhraseIndex.of(patterns.severityWords());
        var scales = new LinkedHashMap<String, Boolean>();
        patterns.severityScales().forEach(s -> scales.put(s, true));
        this.severityScales = PhraseIndex.of(scales);
    }

    /** The entities in a message, in order of position, none overlapping. */
    public List<Entity> extract(String text) {
        List<Token> tokens = TextNormalizer.tokens(text);
        List<String> words = tokens.stream().map(Token::text).map(speller).toList();
        boolean[] taken = new boolean[words.size()];
        var found = new ArrayList<Entity>();
        for (var match : durationPhrases.find(words)) {
            add(found, taken, tokens, match.from(), match.to(), "duration", match.value());
        }
        var pregnancy = notOnsetBefore.find(words);
        numberPatterns(tokens, words, taken, found, pregnancy);
        for (var match : onsetPhrases.find(words)) {
            if (!notAnOnset(words, match.from(), match.to(), pregnancy)) {
                add(found, taken, tokens, match.from(), match.to(), "onset", match.value());
            }
        }
        for (var match : severityWords.find(words)) {
            add(found, taken, tokens, match.from(), match.to(), "severity", match.value());
        }
        lexiconEntities(words, tokens, taken, found);
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    /** Dictionary matches of every entity (each phrase under every entity that lists it), longest first. */
    private void lexiconEntities(List<String> words, List<Token> tokens, boolean[] taken, List<Entity> found) {
        var spans = new ArrayList<>(phrases.find(words));
        spans.sort(Comparator.comparingInt((PhraseIndex.Match<Boolean> s) -> s.from() - s.to())
                .thenComparingInt(PhraseIndex.Match::from));
        for (var span : spans) {
            String phrase = String.join(" ", words.subList(span.from(), span.to()));
            for (String entity : entityNames) {
                String value = values.get(entity + "|" + phrase);
                boolean tool = entity.equals("tool") && !"hands".equals(value);
                if (value != null && tool && denied(words, span.from())) {
                    // "no ball", "I don't have a tennis ball", "no partner": something the user does not have.
                    add(found, taken, tokens, span.from(), span.to(), WITHOUT_TOOL, value);
                    continue;
                }
                if (value != null && PARTNER.equals(value) && !helping(words, span.from(), span.to())) {
                    // "a lacrosse ball my son left behind": someone mentioned, not someone to help.
                    continue;
                }
                if (value != null) {
                    add(found, taken, tokens, span.from(), span.to(), entity, value);
                }
            }
        }
    }

    /**
     * Whether a person named in a message is there to help: a short answer ("my husband"), a word that says so
     * ("partner", "someone to help"), or a helper cue within a few words ("my son can", "will my wife").
     */
    private boolean helping(List<String> words, int from, int to) {
        String phrase = String.join(" ", words.subList(from, to));
        if (words.size() <= SHORT_ANSWER || phrase.contains("partner") || phrase.contains("help")
                || phrase.contains("some") || phrase.contains("another")) {
            return true;
        }
        for (PhraseIndex.Match<String> cue : helperCues.find(words)) {
            if (cue.from() >= to && cue.from() - to <= HELPER_REACH || cue.to() <= from && from - cue.to() <= 2) {
                return true;
            }
        }
        return false;
    }

    /** Whether a negation ("no", "don't") comes up to {@value #NEGATION_REACH} words before a phrase. */
    private boolean denied(List<String> words, int start) {
        for (int i = Math.max(0, start - NEGATION_REACH); i < start; i++) {
            if (toolNegations.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether words {@code [from, to)} that read as how long it has hurt say something else: an age or a stage of
     * pregnancy right after them ("24 weeks pregnant", "45 years old"), or a pregnancy just before ("mum-to-be here,
     * 30 weeks").
     */
    private boolean notAnOnset(List<String> words, int from, int to, List<PhraseIndex.Match<String>> pregnancy) {
        return notOnset.matchAt(words, to) != null
                || pregnancy.stream().anyMatch(m -> m.to() <= from && from - m.to() < PREGNANCY_REACH);
    }

    private void numberPatterns(List<Token> tokens, List<String> words, boolean[] taken, List<Entity> found,
                                List<PhraseIndex.Match<String>> pregnancy) {
        for (int i = 0; i < words.size(); i++) {
            var spoken = numberAt(words, i);
            if (spoken == null) {
                continue;
            }
            int number = spoken.value();
            int after = i + spoken.to();
            var duration = durationUnits.matchAt(words, after);
            var onset = onsetUnits.matchAt(words, after);
            var scale = severityScales.matchAt(words, after);
            if (onset != null && notAnOnset(words, i, onset.to(), pregnancy)) {
                // "24 weeks pregnant", "45 years old", "mum-to-be here, 30 weeks": an age, not how long it has hurt.
                i = onset.to() - 1;
                continue;
            }
            if (duration != null) {
                add(found, taken, tokens, i, duration.to(), "duration", number * duration.value());
            } else if (onset != null) {
                add(found, taken, tokens, i, onset.to(), "onset", onset.value());
            } else if (scale != null && number <= 10) {
                add(found, taken, tokens, i, scale.to(), "severity", number);
            } else if (i > 0 && RATED.equals(words.get(i - 1)) && number <= 10) {
                // "it's a 6", "about a six": a rating, wherever it comes in the message.
                add(found, taken, tokens, i - 1, after, "severity", number);
            } else if (plainNumber(words.get(i)) || (words.size() <= SHORT_ANSWER && spoken.to() == 1
                    && number >= 2 && number <= 10)) {
                // "6", "6ish", and in a short answer "six" or "about a six": a number on its own.
                add(found, taken, tokens, i, after, "number", number);
            }
        }
    }

    /** The number spoken at word {@code i} (digits, or words such as "a couple of"), its end relative to i. */
    private PhraseIndex.Match<Integer> numberAt(List<String> words, int i) {
        String word = words.get(i);
        if (plainNumber(word)) {
            return new PhraseIndex.Match<>(0, 1, Integer.parseInt(word.replace(ROUGHLY, "")));
        }
        var match = numbers.matchAt(words, i);
        return match == null ? null : new PhraseIndex.Match<>(0, match.to() - i, match.value());
    }

    /** Digits, or digits said roughly ("5ish"). */
    private static boolean plainNumber(String word) {
        String digits = word.endsWith(ROUGHLY) ? word.substring(0, word.length() - ROUGHLY.length()) : word;
        return !digits.isEmpty() && digits.length() <= 4 && TextNormalizer.digits(digits);
    }

    private static void add(List<Entity> found, boolean[] taken, List<Token> tokens, int from, int to,
                            String entity, Object value) {
        for (int i = from; i < to; i++) {
            if (taken[i]) {
                return;
            }
        }
        for (int i = from; i < to; i++) {
            taken[i] = true;
        }
        found.add(new Entity(entity, value, tokens.get(from).start(), tokens.get(to - 1).end()));
    }

}
