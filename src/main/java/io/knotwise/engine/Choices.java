package io.knotwise.engine;

import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Which of the offered options a typed reply means, as a choice recogniser does (Bot Framework's is the model): the
 * option's title, or words of it with typos ("tenis bal"), or its number or ordinal ("2", "the third one", "the
 * last one"). A reply that negates ("not better") or could mean two options means none. Stateless.
 */
final class Choices {

    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth");
    private static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten");
    private static final List<String> SHORT_ORDINALS = List.of("1st", "2nd", "3rd", "4th", "5th", "6th", "7th",
            "8th", "9th", "10th");
    /** Words that say nothing about which option: "the tennis ball one please". */
    private static final Set<String> FILLER = Set.of("the", "a", "an", "one", "ones", "please", "pls", "plz", "option",
            "number", "num", "i", "i'll", "ill", "i'd", "id", "take", "do", "lets", "let's", "let", "us",
            "want", "go", "with", "for", "me", "that", "this", "ok", "okay", "k", "then", "try", "like", "to", "and",
            "thanks", "thank", "you", "ty", "thx", "way", "much", "really", "very", "so", "bit", "lot", "just",
            "it", "feels", "feel", "feeling", "i'm", "im", "is", "its", "it's", "now", "yes", "yeah", "yep", "sure",
            "choose", "pick", "start", "show", "of", "them", "about", "mostly", "kinda", "quite", "pretty", "my",
            "are", "have", "has", "got", "i've", "ive");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "hardly", "isn't", "isnt", "aren't",
            "don't", "dont", "didn't", "didnt", "nothing", "neither", "nor", "without");
    private static final Set<String> QUESTION_WORDS = Set.of("what", "what's", "whats", "how", "why", "which", "is",
            "are", "can", "could", "should", "does", "do", "will", "would", "tell", "explain");

    private Choices() {
    }

    /**
     * The option a reply means, or empty when it names none, or more than one, or asks something. A number or ordinal
     * counts through {@code options}; a name may also be one of {@code alsoNamed} (every technique, not only those
     * offered), when the name fits it better than any offered option.
     */
    static Optional<QuickReply> pick(String text, List<QuickReply> options, List<QuickReply> alsoNamed) {
        if (options.isEmpty() || text == null || text.contains("?")) {
            return Optional.empty();
        }
        Optional<QuickReply> exact = exact(text, options);
        if (exact.isPresent()) {
            return exact;
        }
        List<String> words = Arrays.asList(TextNormalizer.words(text));
        if (words.isEmpty() || words.size() > 8 || QUESTION_WORDS.contains(words.get(0))
                || words.stream().anyMatch(NEGATIONS::contains)) {
            return Optional.empty();
        }
        var content = words.stream().filter(w -> !FILLER.contains(w) && position(w, options.size()) < 0).toList();
        var all = new ArrayList<>(options);
        alsoNamed.stream().filter(o -> !all.contains(o)).forEach(all::add);
        Optional<QuickReply> named = named(content, all);
        if (named.isPresent() || !content.isEmpty()) {
            return named;
        }
        for (String word : words) {
            int at = position(word, options.size());
            if (at >= 0) {
                return Optional.of(options.get(at));
            }
        }
        return Optional.empty();
    }

    /** The option whose whole title the reply is, word for word, negation and all ("That's not happening"). */
    static Optional<QuickReply> exact(String text, List<QuickReply> options) {
        List<String> words = Arrays.asList(TextNormalizer.words(text));
        return options.stream().filter(o -> words.equals(Arrays.asList(TextNormalizer.words(o.title())))).findFirst();
    }

    /** Whether a reply asks something ("what is effleurage?") rather than choosing. */
    static boolean asks(String text) {
        List<String> words = Arrays.asList(TextNormalizer.words(text));
        return text.contains("?") || (!words.isEmpty() && QUESTION_WORDS.contains(words.get(0)));
    }

    /** The option whose title the words name, when exactly one title shares the most of them, and they are most. */
    private static Optional<QuickReply> named(List<String> content, List<QuickReply> options) {
        if (content.isEmpty()) {
            return Optional.empty();
        }
        int best = 0;
        var winners = new ArrayList<QuickReply>();
        for (QuickReply option : options) {
            List<String> title = Arrays.asList(TextNormalizer.words(option.title()));
            int matched = (int) content.stream().filter(w -> title.stream().anyMatch(t -> alike(w, t))).count();
            if (matched > best) {
                best = matched;
                winners.clear();
            }
            if (matched == best && matched > 0) {
                winners.add(option);
            }
        }
        // At least half the words must name it: "I only have five minutes" is about time, not "5-minute routine".
        return winners.size() == 1 && best * 2 >= content.size() ? Optional.of(winners.get(0)) : Optional.empty();
    }

    /** The option a number or ordinal word points at (from 0; "last" is the last), or -1. */
    private static int position(String word, int count) {
        if (word.equals("last")) {
            return count - 1;
        }
        int at = Math.max(ORDINALS.indexOf(word), SHORT_ORDINALS.indexOf(word));
        if (at < 0 && word.matches("\\d{1,2}")) {
            at = Integer.parseInt(word) - 1;
        }
        if (at < 0 && !word.equals("one")) {
            at = NUMBERS.indexOf(word);
        }
        return at >= 0 && at < count ? at : -1;
    }

    /**
     * The same word, a beginning of it ("bal", "trig"), or one with a typo or two for a long word ("betta"); a typo
     * never in the first letter ("flight" is not "tight").
     */
    static boolean alike(String typed, String title) {
        String a = typed.toLowerCase(Locale.ROOT);
        String b = title.toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        if (a.length() >= 3 && b.startsWith(a)) {
            return true;
        }
        int longest = Math.max(a.length(), b.length());
        int allowed = longest >= 6 ? 2 : longest >= 4 ? 1 : 0;
        return allowed > 0 && a.charAt(0) == b.charAt(0) && new LevenshteinDistance(allowed).apply(a, b) >= 0;
    }

}
