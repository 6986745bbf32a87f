package io.knotwise.safety;

import io.knotwise.nlu.PhraseIndex;
import io.knotwise.nlu.PhraseScanner;
import io.knotwise.nlu.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ConText reading of one message (Harkema et al., 2009, after NegEx, Chapman et al., 2001): for each mention of
 * a term, whether it is negated, hypothetical, in the past, and whether it is about the user or someone else. A
 * trigger reaches forward over at most a window of words, a post-trigger backward, and neither across a terminator
 * ("but") or a sentence end; a checklist answer ("Numbness? None.") reaches back over the question mark to the word
 * just before it. Used by one thread for one message (it reads its concept mentions once, on first use).
 */
final class ConText {

    /** How many words away a past marker still dates a mention in its sentence ("a clot ... 12 years ago"). */
    private static final int PAST_REACH = 15;
    /** How many words after a mention a phrase of {@code userSites} still places it on the user's body. */
    private static final int SITE_REACH = 3;
    /** The most words of a label before its colon ("How bad:", "Where exactly:"). */
    private static final int LABEL_WORDS = 3;
    /** How many words before an ordinary cause a likeness or a denial still undoes it ("like after a long ride"). */
    private static final int UNDOING_REACH = 8;
    private static final Set<String> POSSESSIVES = Set.of("my", "our", "we");
    /** Words before a job noun that make it someone else's, not the user's field: "my nurse", "the doctor". */
    private static final Set<String> OWNERS = Set.of("my", "our", "his", "her", "their", "your", "the", "a", "an");
    /** Word forms after a job noun that make it the user's clinician talking about them: "GP thinks", "nurse said". */
    private static final Set<String> SPEAKING = Set.of("think", "thinks", "says", "sai", "said", "told", "tell",
            "reckon", "suspect", "want", "sent", "refer", "check", "gave", "ask", "put");
    /** The most words of a follow-up question between a checklist item and its answer ("Pregnant? At 68? No."). */
    private static final int FOLLOW_UP_WORDS = 3;
    /** How an age said as a number reads ("I'm 74" is age70plus). */
    private static final String AGE_MARKER = "age";
    /** How many words may come between a claim and the condition it claims ("had a bowel cancer"). */
    private static final int CLAIM_GAP = 2;
    /** How many words into a clause of its own a denial may be asked: ", is it all normal?". */
    private static final int ASKED_CLAUSE = 3;
    private static final String WITHOUT = "without";
    /** The mark of a mention only a hypothetical trigger scopes ("if my chest feels squeezed"). */
    static final String SUPPOSED = "hyp|";
    /** The mark of a negated mention ("no chest pain"). */
    static final String NEGATED = "neg|";
    /** The mark of a mention an ordinary cause explains ("my bum's numb from this hard chair"). */
    static final String EXPLAINED = "explained|";
    /** The mark of someone else's mention. */
    static final String OTHERS = "other|";
    /**
     * The words (as read) that open a clause of the user's own telling ("..., I go and nothing comes"; "it's not my
     * chest, it's between my shoulder blades": "it's", read "it'", or "its", read "it", says what is so after a
     * denial).
     */
    private static final Set<String> USER_OPENS = Set.of("i", "i'm", "im", "i've", "ive", "it'", "it");
    /** Who opens a clause telling an event of its own ("..., she had her hip replaced last month"). */
    private static final Set<String> TELLERS = Set.of("i", "she", "he", "they", "we");
    /** The verbs, as read, that make that clause an event ("she had", "he was", "they got"), not a state. */
    private static final Set<String> EVENT_VERBS = Set.of("had", "wa", "got", "went");
    /** Words that may stand between the teller and the verb ("she only had her hip done"). */
    private static final Set<String> EVENT_ADVERBS = Set.of("only", "just", "also", "onli");
    /** Words that point back at a list rather than name a new subject ("numbness, tingling: all fine"). */
    private static final Set<String> LIST_WORDS = Set.of("all", "both", "and", "they", "them", "those", "these",
            "it", "that", "which", "each", "everyth", "everything");

    private final List<String> words;
    private final Set<Integer> sentenceStarts;
    private final boolean supposes;
    private final Set<Integer> standalone;
    private final Set<Integer> asking;
    private final int window;
    private final int othersWindow;
    private final List<PhraseIndex.Match<Boolean>> before;
    /**
     * The triggers of {@link #before} that are not hypothetical ("if", "what if" scope like negation for the rules).
     */
    private final List<PhraseIndex.Match<Boolean>> notSupposed;
    private final List<PhraseIndex.Match<Boolean>> after;
    private final List<PhraseIndex.Match<Boolean>> answers;
    /** The items each answer that fits one item only may deny, by the answer's words ("i am a man": pregnant). */
    private final Map<PhraseIndex.Match<Boolean>, Set<String>> itemsAnswered;
    private final List<PhraseIndex.Match<Boolean>> stops;
    private final List<PhraseIndex.Match<Boolean>> past;
    private final List<PhraseIndex.Match<Boolean>> ongoing;
    private final List<PhraseIndex.Match<Boolean>> recent;
    private final List<PhraseIndex.Match<Boolean>> others;
    private final List<PhraseIndex.Match<Boolean>> othersAfter;
    private final List<PhraseIndex.Match<Boolean>> firstPerson;
    private final List<PhraseIndex.Match<Boolean>> userSites;
    private final List<PhraseIndex.Match<Boolean>> othersPast;
    private final List<PhraseIndex.Match<Boolean>> work;
    private final List<PhraseIndex.Match<Boolean>> claims;
    private final List<PhraseIndex.Match<Boolean>> history;
    /** Where a clause opens by turning to the present (", now ..."): no past marker reaches across. */
    private final Set<Integer> turns;
    /** For each word, whether it may stand between a checklist item and its answer ("Pregnant? At 74, no."). */
    private final boolean[] leadIn;
    private final boolean aboutTheirBack;
    private final boolean[] asked;
    /** For each word, whether it belongs to a mention an ordinary cause explains ("numb bum from the hard chair"). */
    private final boolean[] explained;
    private final Set<Overlook> overlooking;
    private final Lexicon lexicon;
    /** Every phrase of the screen's term lists in this message, found in one pass. */
    private final PhraseScanner.Found found;
    /** The concept phrases of this message (the lexicon's {@code symptoms}), found once. */
    private final List<PhraseIndex.Match<List<String>>> symptoms;
    /** The concept mentions, read once on first use (one reader per message, on one thread). */
    private List<ConceptMention> conceptMentions;

    /**
     * @param sentenceStarts indexes of words that begin a new sentence (after ".", "?", "!" or ";")
     * @param standalone indexes of words followed by punctuation or the end of the message: where an answer stands
     *     alone ("chest pain? no.") rather than starting a phrase ("no fever")
     * @param asking indexes of words followed by "?" or ":", which end a checklist item ("Blood thinners: none."); an
     *     answer right after one is an answer even when words follow it ("Fever? none at all")
     * @param found the phrases of every term list in these words
     * @param overlooking what this reading takes literally (none, for the plain reading)
     */
    ConText(List<String> words, Set<Integer> sentenceStarts, Set<Integer> standalone, Set<Integer> asking,
            Lexicon lexicon, PhraseScanner.Found found, Set<Overlook> overlooking) {
        this.found = found;
        this.lexicon = lexicon;
        this.overlooking = Set.copyOf(overlooking);
        this.words = words;
        this.sentenceStarts = Set.copyOf(sentenceStarts);
        this.standalone = Set.copyOf(standalone);
        this.asking = Set.copyOf(asking);
        this.window = lexicon.window();
        this.othersWindow = lexicon.othersWindow();
        this.stops = found.find(lexicon.terminators());
        this.firstPerson = found.find(lexicon.firstPerson());
        this.userSites = found.find(lexicon.userSites());
        var pseudo = found.find(lexicon.pseudoTriggers());
        var doubling = found.find(lexicon.doubledBy());
        // "half my body feel like it not belong to me, started suddenly": a trigger inside a symptom's phrase is
        // part of that phrase, and negates nothing after it
        this.symptoms = found.find(lexicon.symptoms());
        this.notSupposed = where(outside(found.find(lexicon.triggers()), pseudo),
                t -> !doubled(t, doubling) && !insideASymptom(t, symptoms));
        var stated = outside(found.find(lexicon.stated()), pseudo);
        var advising = found.find(lexicon.advising());
        var presupposing = where(found.find(lexicon.presupposing()),
                p -> advising.stream().noneMatch(a -> a.to() <= p.from() && !sentenceBetween(a.to(), p.from())));
        var stillSupposed = found.find(lexicon.supposing());
        var conditionals = outside(found.find(lexicon.hypothetical()), pseudo);
        // "does the ball help if it hurts to breathe in?": the clause a question presupposes is the user's own, so
        // the question does not make it a general one
        var presupposable = found.find(lexicon.presupposable());
        var presupposed = where(conditionals, t -> presupposed(t, presupposable, presupposing, stillSupposed));
        var supposing = where(conditionals,
                t -> !realConditional(t, stated, lexicon.questionStarts()) && !presupposed.contains(t));
        this.supposes = !supposing.isEmpty();
        this.before = overlooking.contains(Overlook.SUPPOSITIONS) ? notSupposed : joined(notSupposed, supposing);
        // "no feeling where I sit, is normal?" asks whether it is: a post-trigger asked in a clause of its own denies
        // nothing ("would numbness be a reason to stop?" still asks of nothing the user has)
        // "Pregnant? I'm a fella.": an answer that fits one item only answers, and denies before it, that item alone
        var itemAnswered = new ArrayList<PhraseIndex.Match<Boolean>>();
        var answeredItems = new HashMap<PhraseIndex.Match<Boolean>, Set<String>>();
        for (PhraseIndex.Match<Set<String>> a : found.find(lexicon.itemAnswers())) {
            var answer = new PhraseIndex.Match<>(a.from(), a.to(), Boolean.TRUE);
            itemAnswered.add(answer);
            answeredItems.put(answer, a.value());
        }
        this.itemsAnswered = Map.copyOf(answeredItems);
        this.after = where(joined(found.find(lexicon.postTriggers()), itemAnswered),
                t -> !withinAny(t, pseudo) && !askedApart(t));
        var allAnswers = where(joined(found.find(lexicon.answers()), itemAnswered),
                a -> !withinAny(a, pseudo) && !askedApart(a));
        this.answers = where(allAnswers,
                a -> standalone.contains(a.to() - 1) || asking.contains(a.from() - 1)
                        || !aLetter(words, a) && inAList(a, allAnswers));
        this.past = found.find(lexicon.pastMarkers());
        this.ongoing = found.find(lexicon.ongoing());
        this.recent = found.find(lexicon.recent());
        var atWork = found.find(lexicon.work());
        // What the user says their job is puts what follows on someone else too, like an experiencer trigger.
        // A pseudo-trigger holds an experiencer trigger too: "walked the dog" is not about the dog.
        this.others = joined(outside(found.find(lexicon.others()), pseudo), atWork);
        this.othersAfter = outside(found.find(lexicon.othersAfter()), pseudo);
        // "she was fine an hour ago": a marker of their past right before a recent time dates the start, not the end
        this.othersPast = where(found.find(lexicon.othersPast()),
                m -> recent.stream().noneMatch(r -> r.from() >= m.to() && r.from() - m.to() <= 1));
        // "Receptionist at the oncology clinic", "ICU nurse here": a sentence that opens with a job noun, or with one
        // word naming its field, says what the user does ("my nurse" is someone else's, and "GP thinks it might be a
        // clot" is the user's doctor speaking).
        this.work = joined(atWork, where(found.find(lexicon.jobs()),
                j -> (opensSentence(j.from(), sentenceStarts) || j.from() > 0
                        && opensSentence(j.from() - 1, sentenceStarts) && !OWNERS.contains(words.get(j.from() - 1)))
                        && (j.to() >= words.size() || !SPEAKING.contains(words.get(j.to())))));
        this.claims = work.isEmpty() ? List.of() : found.find(lexicon.claims());
        this.history = found.find(lexicon.history());
        var turning = found.find(lexicon.turns());
        this.turns = turning.isEmpty() ? Set.of() : turning.stream().map(PhraseIndex.Match::from)
                .filter(from -> standalone.contains(from - 1)).collect(Collectors.toUnmodifiableSet());
        this.leadIn = new boolean[words.size()];
        for (PhraseIndex.Match<Boolean> m : found.find(lexicon.leadIns())) {
            for (int i = m.from(); i < m.to(); i++) {
                leadIn[i] = true;
            }
        }
        for (int i = 0; i < words.size(); i++) {
            leadIn[i] |= TextNormalizer.digits(words.get(i)) || words.get(i).startsWith(AGE_MARKER);
        }
        this.asked = !overlooking.contains(Overlook.QUESTIONS)
                ? askedSentences(words, sentenceStarts, this.asking, joined(firstPerson, presupposed), lexicon, found)
                : new boolean[words.size()];
        this.aboutTheirBack = !outside(found.find(lexicon.subject()), pseudo).isEmpty()
                && found.find(lexicon.self()).isEmpty();
        this.explained = overlooking.contains(Overlook.CAUSES) ? new boolean[words.size()] : explainedWords(lexicon);
    }

    /**
     * The words of each mention an ordinary cause explains: a mention of a concept of {@code explains} (saying
     * nothing else but what may come {@code alongside}) said with a cause that explains it in the same stretch (no
     * sentence end or {@code breakingCauses} word between), the cause neither negated nor undone just before it
     * ("it's not from sitting", "numb like after a long bike ride"), and nothing in the mention's sentence saying it
     * lasts or feels uncanny ("still numb", "like sitting on nothing").
     */
    private boolean[] explainedWords(Lexicon lexicon) {
        var out = new boolean[words.size()];
        List<PhraseIndex.Match<Boolean>> undoing = null;
        List<PhraseIndex.Match<Boolean>> breaking = null;
        for (PhraseIndex.Match<List<String>> said : symptoms) {
            for (Cause cause : lexicon.causes()) {
                if (!said.value().contains(cause.concept())) {
                    continue;
                }
                if (undoing == null) {
                    undoing = found.find(lexicon.undoingCauses());
                    breaking = found.find(lexicon.breakingCauses());
                }
                if (negatedMention(said)
                        || undone(said, undoing, breaking)) {
                    break;
                }
                for (PhraseIndex.Match<List<String>> mention : symptoms) {
                    if (!Collections.disjoint(mention.value(), cause.explains()) && mention.value().stream()
                            .allMatch(c -> cause.explains().contains(c) || lexicon.alongside().contains(c))
                            && !stretchBrokenBetween(breaking, Math.min(said.to(), mention.to()),
                                    Math.max(said.from(), mention.from()))
                            && !inItsSentence(mention, lexicon.unless())
                            && cause.needs().stream().allMatch(n -> inItsSentence(mention, Set.of(n)))) {
                        Arrays.fill(out, mention.from(), mention.to(), true);
                    }
                }
            }
        }
        return out;
    }

    /** Whether a likeness or a denial just before a cause, in its stretch, makes it none. */
    private boolean undone(PhraseIndex.Match<List<String>> cause, List<PhraseIndex.Match<Boolean>> undoing,
                           List<PhraseIndex.Match<Boolean>> breaking) {
        return undoing.stream().anyMatch(u -> u.to() <= cause.from() && cause.from() - u.to() <= UNDOING_REACH
                && !stretchBrokenBetween(breaking, u.to(), cause.from()));
    }

    /** Whether a sentence end or one of the {@code breaking} words lies between word {@code from} and {@code to}. */
    private boolean stretchBrokenBetween(List<PhraseIndex.Match<Boolean>> breaking, int from, int to) {
        return sentenceBetween(from, to) || breaking.stream().anyMatch(b -> b.from() >= from && b.from() < to);
    }

    /** Whether the mention's sentence says one of the concepts (not negated), before or after it. */
    private boolean inItsSentence(PhraseIndex.Match<List<String>> mention, Set<String> concepts) {
        for (PhraseIndex.Match<List<String>> other : symptoms) {
            if (!Collections.disjoint(other.value(), concepts)
                    && !negatedMention(other)
                    && !sentenceBetween(Math.min(other.to(), mention.to()), Math.max(other.from(), mention.from()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a concept mention is negated, as a term in its place would be. */
    private boolean negatedMention(PhraseIndex.Match<List<String>> mention) {
        return negated(new PhraseIndex.Match<>(mention.from(), mention.to(), Boolean.TRUE));
    }

    /** Whether an ordinary cause explains some word of the mention. */
    private boolean explained(PhraseIndex.Match<Boolean> term) {
        for (int i = term.from(); i < term.to(); i++) {
            if (explained[i]) {
                return true;
            }
        }
        return false;
    }

    /** The same words read again taking {@code what} literally, without reading the text a second time. */
    ConText overlooking(Set<Overlook> what) {
        return new ConText(words, sentenceStarts, standalone, asking, lexicon, found, what);
    }

    /** Whether this reading takes that literally. */
    boolean overlooks(Overlook what) {
        return overlooking.contains(what);
    }

    /** Whether an ordinary cause explains some mention in the message. */
    boolean explains() {
        for (boolean e : explained) {
            if (e) {
                return true;
            }
        }
        return false;
    }

    /** "without" after "can't" (or another of {@code doubledBy}) earlier in the same sentence: a double negative. */
    private boolean doubled(PhraseIndex.Match<Boolean> trigger, List<PhraseIndex.Match<Boolean>> doubling) {
        if (trigger.to() - trigger.from() != 1 || !words.get(trigger.from()).equals(WITHOUT)) {
            return false;
        }
        return doubling.stream().anyMatch(d -> d.to() <= trigger.from() && !sentenceBetween(d.to(), trigger.from()));
    }

    private static boolean opensSentence(int index, Set<Integer> sentenceStarts) {
        return index == 0 || sentenceStarts.contains(index);
    }

    /** Whether a trigger lies inside a longer symptom phrase ("not belong to me", "nothing comes out"). */
    private static boolean insideASymptom(PhraseIndex.Match<Boolean> trigger,
                                          List<PhraseIndex.Match<List<String>>> symptoms) {
        for (var s : symptoms) {
            if (s.from() <= trigger.from() && trigger.to() <= s.to()
                    && s.to() - s.from() > trigger.to() - trigger.from()) {
                return true;
            }
        }
        return false;
    }

    /** The triggers that do not start inside a pseudo-trigger: "as if" holds the "if" of "if somebody". */
    private static List<PhraseIndex.Match<Boolean>> outside(List<PhraseIndex.Match<Boolean>> triggers,
                                                           List<PhraseIndex.Match<Boolean>> pseudo) {
        return pseudo.isEmpty() ? triggers
                : where(triggers, t -> pseudo.stream().noneMatch(p -> p.from() <= t.from() && t.from() < p.to()));
    }

    /** Whether a phrase lies wholly inside one of the others ("no feeling" holds its "no"). */
    private static boolean withinAny(PhraseIndex.Match<Boolean> phrase, List<PhraseIndex.Match<Boolean>> others) {
        return others.stream().anyMatch(o -> o.from() <= phrase.from() && phrase.to() <= o.to());
    }

    /**
     * The items that pass the test, in order. An empty list is given back as it is: for most messages most of the
     * lists are empty, and this runs some thirty times a message.
     */
    private static <T> List<T> where(List<T> items, Predicate<? super T> test) {
        if (items.isEmpty()) {
            return items;
        }
        var kept = new ArrayList<T>(items.size());
        for (T item : items) {
            if (test.test(item)) {
                kept.add(item);
            }
        }
        return kept;
    }

    /** The two lists one after the other (either one itself when the other is empty). */
    private static <T> List<T> joined(List<T> first, List<T> second) {
        if (second.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        var both = new ArrayList<T>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return both;
    }

    /**
     * Whether a hypothetical trigger's clause states what is happening: "if I've had a temperature since Tuesday",
     * "if my fingers have been numb", not "if I've ever had" (a pseudo-trigger holds that marker); or whose question
     * the next sentence owns up to. The clause ends where the question it conditions begins: in "if I ever get
     * pregnant, can I keep doing these?" the "keep" is the question's.
     */
    private boolean realConditional(PhraseIndex.Match<Boolean> trigger, List<PhraseIndex.Match<Boolean>> stated,
                                    PhraseIndex<Boolean> questionStarts) {
        if (ownedUpAfter(trigger.to())) {
            return true;
        }
        for (PhraseIndex.Match<Boolean> marker : stated) {
            if (marker.from() >= trigger.to() && marker.from() - trigger.to() <= 2 * window
                    && !stoppedBetween(trigger.to(), marker.from())
                    && !questionBetween(trigger.to(), marker.from(), questionStarts)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the sentence after the one holding an index opens by owning up to what it asked or supposed: "is massage
     * OK if your legs are numb? Because mine both are" (one of the lexicon's {@code affirmatives}).
     */
    private boolean ownedUpAfter(int index) {
        for (int next = index; next < words.size(); next++) {
            if (sentenceStarts.contains(next)) {
                return ownsUp(found, lexicon, next);
            }
        }
        return false;
    }

    /** Whether the words from an index open with one of the lexicon's {@code affirmatives} ("yes", "that's me"). */
    private static boolean ownsUp(PhraseScanner.Found found, Lexicon lexicon, int index) {
        return found.matchAt(lexicon.affirmatives(), index) != null;
    }

    /**
     * Whether a bare "if" (or another presupposable trigger: "if I have") follows, in its sentence and within twice
     * the window, a question that presupposes its clause ("can I still use the ball if my left arm feels heavy?", "is
     * it ok to do the massage if I have numbness down there?"), with no supposition after it ("if I ever", "if I get",
     * "if I have a fever one day").
     */
    private boolean presupposed(PhraseIndex.Match<Boolean> trigger, List<PhraseIndex.Match<Boolean>> presupposable,
                                List<PhraseIndex.Match<Boolean>> presupposing,
                                List<PhraseIndex.Match<Boolean>> supposing) {
        if (presupposable.stream().noneMatch(p -> p.from() == trigger.from() && p.to() == trigger.to())) {
            return false;
        }
        boolean asked = presupposing.stream().anyMatch(p -> p.to() <= trigger.from()
                && trigger.from() - p.to() <= 2 * window && !sentenceBetween(p.to(), trigger.from()));
        return asked && supposing.stream().noneMatch(s -> s.from() >= trigger.to()
                && s.from() - trigger.to() < window && !sentenceBetween(trigger.to(), s.from()));
    }

    /** Whether a question to the guide ("can I", "should I") begins between two indexes. */
    private boolean questionBetween(int from, int to, PhraseIndex<Boolean> questionStarts) {
        for (PhraseIndex.Match<Boolean> self : firstPerson) {
            if (self.from() > from && self.from() < to) {
                var start = found.matchAt(questionStarts, self.from() - 1);
                if (start != null && start.to() == self.from()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an answer is one letter: "n" answers an item only where it stands alone ("chest pain? n"); between words
     * it is text-speak for "and" ("ache in my arm n jaw n i feel sick").
     */
    private static boolean aLetter(List<String> words, PhraseIndex.Match<Boolean> answer) {
        return answer.to() - answer.from() == 1 && words.get(answer.from()).length() == 1;
    }

    /**
     * Whether an answer is one of a list answered without punctuation ("chest pain no breathless no numb no"):
     * another answer follows within three words. "chest pain, no fever" is not such a list.
     */
    private static boolean inAList(PhraseIndex.Match<Boolean> answer, List<PhraseIndex.Match<Boolean>> answers) {
        for (PhraseIndex.Match<Boolean> next : answers) {
            if (next.from() > answer.to() && next.from() - answer.to() <= 3) {
                return true;
            }
        }
        return false;
    }

    /** The phrase lists the message is read with, and the scopes. */
    record Lexicon(int window, int othersWindow, PhraseIndex<Boolean> triggers, PhraseIndex<Boolean> hypothetical,
                   PhraseIndex<Boolean> pseudoTriggers, PhraseIndex<Boolean> postTriggers,
                   PhraseIndex<Boolean> answers, PhraseIndex<Boolean> terminators,
                   PhraseIndex<Boolean> pastMarkers, PhraseIndex<Boolean> ongoing, PhraseIndex<Boolean> recent,
                   PhraseIndex<Boolean> others,
                   PhraseIndex<Boolean> othersAfter,
                   PhraseIndex<Boolean> firstPerson, PhraseIndex<Boolean> userSites,
                   PhraseIndex<Boolean> othersPast,
                   PhraseIndex<Boolean> subject, PhraseIndex<Boolean> self, PhraseIndex<Boolean> questionStarts,
                   PhraseIndex<Boolean> affirmatives, PhraseIndex<Boolean> stated, PhraseIndex<Boolean> work,
                   PhraseIndex<Boolean> jobs, PhraseIndex<Boolean> claims, PhraseIndex<Boolean> leadIns,
                   PhraseIndex<Boolean> doubledBy, PhraseIndex<Boolean> owned, PhraseIndex<Boolean> history,
                   PhraseIndex<Boolean> turns, PhraseIndex<Boolean> presupposing,
                   PhraseIndex<Boolean> presupposable, PhraseIndex<Boolean> supposing, PhraseIndex<Boolean> advising,
                   PhraseIndex<Set<String>> itemAnswers,
                   PhraseIndex<List<String>> symptoms, List<Cause> causes, Set<String> unless,
                   Set<String> alongside, PhraseIndex<Boolean> breakingCauses, PhraseIndex<Boolean> undoingCauses) {
    }

    /**
     * An ordinary cause of the concept layer, read once: its concept, the concepts the mention's sentence must also
     * say ({@code seat+long_sit}), and the concepts whose mentions it explains.
     */
    record Cause(String concept, List<String> needs, Set<String> explains) {

        /** A key of the data ({@code cause} or {@code cause+concept}) and what it explains. */
        static Cause of(String key, List<String> explains) {
            List<String> parts = List.of(key.split("\\+"));
            return new Cause(parts.get(0), parts.subList(1, parts.size()), Set.copyOf(explains));
        }
    }

    /**
     * What a reading takes literally, to find what the plain reading lets go: a general question read as a statement,
     * what an "if" supposes read as said, a mention read as if no ordinary cause explained it.
     */
    enum Overlook { QUESTIONS, SUPPOSITIONS, CAUSES }

    /** Whether a phrase of any of these term lists ({@link PhraseScanner#ids}) is in this message at all. */
    boolean mentionsAnyOf(int[] lists) {
        return found.anyOf(lists);
    }

    /** Every match of the terms, in the words of this message. */
    List<PhraseIndex.Match<Boolean>> matches(PhraseIndex<Boolean> terms) {
        return found.find(terms);
    }

    /**
     * Whether a mention counts for the user: not negated or asked about, not in the past when the past does not
     * count; someone else's only when {@code others} accepts it (given whether it is in their past). Each question is
     * asked only when the answer matters: this runs a few hundred times a message.
     */
    boolean counts(PhraseIndex.Match<Boolean> term, boolean pastCounts,
                   BiPredicate<PhraseIndex.Match<Boolean>, Boolean> others) {
        if (asked[term.from()] || negated(term) || explained(term)) {
            return false;
        }
        if (pastCounts && inThePast(term)) {
            return false;
        }
        if (aboutTheirBack || !aboutSomeoneElse(term)) {
            return true;
        }
        return others.test(term, inTheirPast(term));
    }

    /** Whether a marker of someone else's history ("had ... years back", "he's fine now") dates the mention. */
    private boolean inTheirPast(PhraseIndex.Match<Boolean> term) {
        var reaching = reaching(othersPast, term);
        // "my mum is panting, she had her hip replaced last month": the month dates the operation, not the panting
        return followedBy(where(reaching, t -> !eventToldBetween(term.to(), t.from())), term, othersWindow)
                || precededBy(reaching, term);
    }

    /** The past markers that reach a mention: none across a clause that turns to the present (", now ..."). */
    private List<PhraseIndex.Match<Boolean>> reaching(List<PhraseIndex.Match<Boolean>> markers,
                                                      PhraseIndex.Match<Boolean> term) {
        return turns.isEmpty() ? markers : markers.stream()
                .filter(t -> !turnBetween(Math.min(t.to(), term.to()), Math.max(t.from(), term.from())))
                .toList();
    }

    /** Whether some match of the terms is negated: the user said they do not have it. */
    boolean denied(PhraseIndex<Boolean> terms) {
        for (PhraseIndex.Match<Boolean> match : found.find(terms)) {
            if (negated(match)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message as the learned second opinion reads it: each word in its matched form, prefixed with what
     * ConText says of it when it is negated ({@code neg|}), in the past ({@code past|}) or someone else's
     * ({@code other|}), so that "no chest pain" and "my aunt's scoliosis" do not look like the plain words.
     */
    String[] marked() {
        var out = new String[words.size()];
        for (int i = 0; i < words.size(); i++) {
            var single = new PhraseIndex.Match<>(i, i + 1, Boolean.TRUE);
            out[i] = mark(single) + (words.get(i).equals(RedFlagDetector.BLANK) ? "idiom" : words.get(i));
        }
        return out;
    }

    /**
     * A phrase of the concept layer found in the message, the concepts it says, its ConText mark, and whether it is
     * dated to the past (someone else's history is marked {@code other|} but is not current).
     */
    record ConceptMention(List<String> concepts, String prefix, boolean past) {

        /**
         * Whether ConText keeps the mention: plainly the user's, or someone else's current one where
         * {@code forOthers}.
         */
        boolean kept(boolean forOthers) {
            return theUsers() || forOthers && someoneElsesNow();
        }

        /** Whether the mention is plainly the user's. */
        boolean theUsers() {
            return prefix.isEmpty();
        }

        /** Whether the mention is someone else's, happening now. */
        boolean someoneElsesNow() {
            return prefix.equals(OTHERS) && !past;
        }
    }

    /**
     * Every concept phrase in the message, with the mark ConText gives it ("" when plainly the user's); a mention that
     * {@code namesACondition} (a diagnosis or treatment) is someone else's and not current where the user says what
     * their job is ("chemo nurse here") or where it is someone else's history ("my mum had a clot on the lung"), so it
     * grounds nothing. The same predicate is passed for every call on one message.
     */
    List<ConceptMention> concepts(Predicate<PhraseIndex.Match<Boolean>> namesACondition) {
        if (conceptMentions == null) {
            conceptMentions = readConcepts(namesACondition);
        }
        return conceptMentions;
    }

    private List<ConceptMention> readConcepts(Predicate<PhraseIndex.Match<Boolean>> namesACondition) {
        var mentions = new ArrayList<ConceptMention>();
        // Where someone else's named condition is their history ("my neighbour had a blood clot in the lung after a
        // flight"), what follows it in the same stretch tells that history too, unless it turns to the present.
        int historyEnds = -1;
        for (PhraseIndex.Match<List<String>> match : symptoms) {
            var mention = new PhraseIndex.Match<>(match.from(), match.to(), Boolean.TRUE);
            String mark = mark(mention);
            boolean theirs = mark.equals(OTHERS);
            boolean history = (mark.isEmpty() ? atWork(mention) : theirs && theirHistory(mention))
                    && namesACondition.test(mention);
            boolean toldWithIt = theirs && historyEnds >= 0 && mention.from() >= historyEnds
                    && mention.from() - historyEnds <= othersWindow && !stoppedBetween(historyEnds, mention.from())
                    && !turnBetween(historyEnds, mention.from());
            if (history && theirs) {
                historyEnds = Math.max(historyEnds, mention.to());
            }
            mentions.add(history || toldWithIt ? new ConceptMention(match.value(), OTHERS, true)
                    : new ConceptMention(match.value(), mark, inThePast(mention) || inTheirPast(mention)));
        }
        return mentions;
    }

    /**
     * The mark of a mention, the first that applies: hypothetical (only an "if" scopes it), negated, asked about,
     * explained by an ordinary cause, someone else's, in the past.
     */
    private String mark(PhraseIndex.Match<Boolean> term) {
        if (negated(term)) {
            return onlySupposed(term) ? SUPPOSED : NEGATED;
        }
        if (asked[term.from()]) {
            return "asked|";
        }
        if (explained(term)) {
            return EXPLAINED;
        }
        if (!aboutTheirBack && aboutSomeoneElse(term)) {
            return OTHERS;
        }
        return inThePast(term) ? "past|" : "";
    }

    /** The word at an index, in the form terms are matched in. */
    String word(int index) {
        return words.get(index);
    }

    /** Whether a hypothetical trigger scopes something in the message ("if my chest feels squeezed"). */
    boolean supposes() {
        return supposes;
    }

    /** Whether any word of the message is in a question that does not say the user has anything. */
    boolean asksInGeneral() {
        for (boolean a : asked) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each word, whether its sentence is a question (it opens with a question word) with no first-person word
     * and no "last night" or "today" in it: "can massage dislodge a clot?" asks about a clot; "can I use the roller
     * now my hands have gone numb?" says the user has numb hands.
     */
    private static boolean[] askedSentences(List<String> words, Set<Integer> sentenceStarts, Set<Integer> asking,
                                            List<PhraseIndex.Match<Boolean>> firstPersonWords, Lexicon lexicon,
                                            PhraseScanner.Found found) {
        var asked = new boolean[words.size()];
        var firstPerson = new boolean[words.size()];
        for (PhraseIndex.Match<Boolean> f : firstPersonWords) {
            firstPerson[f.from()] = true;
        }
        for (int i = 0; i < words.size(); i++) {
            // "my dad's on clopidogrel, can he use the ball?" says something of someone the user knows. Not "us": the
            // words are stems here, and "using" is "us".
            firstPerson[i] |= POSSESSIVES.contains(words.get(i));
        }
        // A question that dates what it asks about happened to someone: "is it ok to use the gun after falling down
        // the stairs last night?"; one that asks whether a technique is ok with something says the user has it.
        for (PhraseIndex.Match<Boolean> r : found.find(lexicon.recent())) {
            firstPerson[r.from()] = true;
        }
        for (PhraseIndex.Match<Boolean> o : found.find(lexicon.owned())) {
            firstPerson[o.from()] = true;
        }
        int start = 0;
        for (int i = 1; i <= words.size(); i++) {
            if (i == words.size() || sentenceStarts.contains(i)) {
                // Only a sentence that opens as a question: "taking blood thinner tablets, what pressure is safe?"
                // ends in one but says the user takes them.
                boolean question = found.matchAt(lexicon.questionStarts(), start) != null
                        && !ownsUp(found, lexicon, i) && !labelled(start, i, asking);
                boolean mine = false;
                for (int k = start; k < i; k++) {
                    mine |= firstPerson[k];
                }
                for (int k = start; k < i; k++) {
                    asked[k] = question && !mine;
                }
                start = i;
            }
        }
        return asked;
    }

    /**
     * Whether a sentence opens with a label the user answers after a colon ("How long: since the crash on
     * Saturday"): a word of {@code asking} among its first few that does not end it.
     */
    private static boolean labelled(int start, int end, Set<Integer> asking) {
        for (int k = start; k < Math.min(start + LABEL_WORDS, end - 1); k++) {
            if (asking.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a negated mention is negated only by a hypothetical trigger: "is it ok to use the ball if my chest feels
     * squeezed?" often says the user has it, "should I stop if my fingers ever buzz?" does not; the second opinion
     * learns which from the words, the rules do not count it.
     */
    private boolean onlySupposed(PhraseIndex.Match<Boolean> term) {
        return !negatedBy(notSupposed, term);
    }

    /**
     * Whether a phrase is asked in a short clause of its own, after a comma and before a "?" (", is normal?", ", all
     * fine?").
     */
    private boolean askedApart(PhraseIndex.Match<Boolean> phrase) {
        return asking.contains(phrase.to() - 1)
                && IntStream.range(phrase.from() - ASKED_CLAUSE, phrase.from()).anyMatch(standalone::contains);
    }

    private boolean negated(PhraseIndex.Match<Boolean> term) {
        return negatedBy(before, term);
    }

    private boolean negatedBy(List<PhraseIndex.Match<Boolean>> triggers, PhraseIndex.Match<Boolean> term) {
        // A trigger that starts before the term negates it, even when the two share words ("never had" and
        // "had cancer"); one that starts inside the term ("never goes away") is part of the term.
        for (PhraseIndex.Match<Boolean> t : triggers) {
            // A trigger that stands alone before punctuation answers what came before it, not what follows: in
            // "pregnant no, meds just the apixaban" the "no" is the pregnancy's. Not before a colon: "I have not:
            // chest pain, fever" denies its list.
            if (t.from() < term.from() && term.from() - t.to() <= window
                    && (t.to() > term.from() || !standalone.contains(t.to() - 1) || asking.contains(t.to() - 1))
                    && !stoppedBetween(Math.min(t.to(), term.from()), term.from())
                    && !userClauseBetween(t.to(), term.from())) {
                return true;
            }
        }
        for (PhraseIndex.Match<Boolean> a : answers) {
            if (!fits(a, term)) {
                continue;
            }
            // "chest pain no", "pregnant? also no"; not "Thinners? Xarelto. Pregnant? No.", where the word between
            // is an item of its own and takes the answer
            if (a.from() >= term.to() && a.from() - term.to() <= 1 && noStopWordBetween(term.to(), a.from())
                    && (a.from() == term.to() || !standalone.contains(term.to() - 1)
                    || !standalone.contains(a.from() - 1))) {
                return true;
            }
            if (answersItsItem(term, a)) {
                return true;
            }
        }
        for (PhraseIndex.Match<Boolean> t : after) {
            if (t.from() >= term.to() && t.from() - term.to() <= window && !stoppedBetween(term.to(), t.from())
                    && !ownSubject(term, t) && fits(t, term)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a clause that tells an event of its own opens after a comma between two places: "my mum is panting,
     * she had her hip replaced last month" dates the operation, not the panting; "(she's fine now)" is no event.
     */
    private boolean eventToldBetween(int from, int to) {
        return clauseBetween(from, to, first -> {
            int verb = first + 1 < to && EVENT_ADVERBS.contains(words.get(first + 1)) ? first + 2 : first + 1;
            return first < to - 1 && TELLERS.contains(words.get(first)) && verb < words.size()
                    && EVENT_VERBS.contains(words.get(verb));
        });
    }

    /**
     * Whether a clause the user opens after a comma comes between two places: "the waterworks are not behaving, I go
     * and nothing comes" denies nothing of what the user then says.
     */
    private boolean userClauseBetween(int from, int to) {
        return clauseBetween(from, to, first -> !asking.contains(first - 1) && USER_OPENS.contains(words.get(first)));
    }

    /** Whether a clause whose first word passes the test opens after a comma between two places. */
    private boolean clauseBetween(int from, int to, IntPredicate opens) {
        for (int i = Math.max(from - 1, 0); i < to - 1; i++) {
            if (standalone.contains(i) && opens.test(i + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a post-trigger after a comma says something of another subject: "can't get my words out, typing is
     * fine" keeps the words; "numbness, tingling, all fine" denies both.
     */
    private boolean ownSubject(PhraseIndex.Match<Boolean> term, PhraseIndex.Match<Boolean> trigger) {
        int clause = -1;
        for (int i = term.to() - 1; i < trigger.from(); i++) {
            if (standalone.contains(i)) {
                clause = i + 1;
            }
        }
        if (clause < 0) {
            return false;
        }
        for (int i = clause; i < trigger.from(); i++) {
            if (!LIST_WORDS.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an answer or post-trigger may deny a term: any may, except one that fits one item only and the term is
     * not that item.
     */
    private boolean fits(PhraseIndex.Match<Boolean> answer, PhraseIndex.Match<Boolean> term) {
        Set<String> items = itemsAnswered.get(answer);
        return items == null || IntStream.range(term.from(), term.to()).anyMatch(i -> items.contains(words.get(i)));
    }

    /**
     * Whether an answer right after a "?" or ":" denies the whole item it follows, from the start of its sentence (or
     * the previous item) on: "Warfarin/Eliquis etc: no.", "clot, stroke, heart trouble, cancer: none of them". Not
     * where the item states something of the user ("I have crushing chest pain, fever? no"): then only the word just
     * before the answer is denied.
     */
    private boolean answersItsItem(PhraseIndex.Match<Boolean> term, PhraseIndex.Match<Boolean> answer) {
        // The item is the word before the answer, or a few words before it: "Pregnant? At 74, certainly not."
        int item = answer.from() - 1;
        for (int lead = 0; lead < FOLLOW_UP_WORDS && item > 0 && !asking.contains(item) && leadIn[item]
                && !sentenceBetween(item + 1, answer.from()); lead++) {
            item--;
        }
        if (item < 0 || !asking.contains(item) || term.to() - 1 > item
                || firstPersonBetween(item + 1, answer.from())) {
            return false;
        }
        while (true) {
            int start = item;
            while (start > 0 && !sentenceStarts.contains(start) && !asking.contains(start - 1)) {
                start--;
            }
            if (term.from() >= start) {
                return !firstPersonBetween(start, item + 1) && noStopWordBetween(term.to(), item + 1);
            }
            // A short follow-up question hands the answer back to the item before it: "Pregnant? At 68? No."
            if (item - start >= FOLLOW_UP_WORDS || start == 0 || !asking.contains(start - 1)) {
                return false;
            }
            item = start - 1;
        }
    }

    /** Whether the mention's sentence says what the user's job is ("I'm a radiographer, I X-ray broken bones"). */
    boolean atWork(PhraseIndex.Match<Boolean> term) {
        return distance(work, term) != Integer.MAX_VALUE && !claimed(term);
    }

    /**
     * Whether a word of someone else's history ("my mum had a clot on the lung") ends at most {@link #CLAIM_GAP}
     * words before the mention.
     */
    boolean theirHistory(PhraseIndex.Match<Boolean> term) {
        return history.stream().anyMatch(h -> h.to() <= term.from() && term.from() - h.to() <= CLAIM_GAP);
    }

    /**
     * Whether a claim is part of the mention or ends at most {@link #CLAIM_GAP} words before it ("had bowel cancer",
     * "on warfarin").
     */
    private boolean claimed(PhraseIndex.Match<Boolean> term) {
        for (PhraseIndex.Match<Boolean> c : claims) {
            if (c.from() >= term.from() && c.to() <= term.to()
                    || c.to() <= term.from() && term.from() - c.to() <= CLAIM_GAP) {
                return true;
            }
        }
        return false;
    }

    /**
     * Someone else's: after an experiencer trigger in the same stretch, with no first-person word between, and not
     * placed on the user's body right after ("my carer found a lump on my back").
     */
    private boolean aboutSomeoneElse(PhraseIndex.Match<Boolean> term) {
        if (onTheUser(term)) {
            return false;
        }
        for (PhraseIndex.Match<Boolean> t : others) {
            if (t.from() <= term.from() && term.from() - t.to() <= othersWindow
                    && !stoppedBetween(Math.min(t.to(), term.from()), term.from())
                    && !firstPersonBetween(t.to(), term.from())) {
                return true;
            }
        }
        return followedBy(othersAfter, term, othersWindow);
    }

    private boolean onTheUser(PhraseIndex.Match<Boolean> term) {
        for (PhraseIndex.Match<Boolean> site : userSites) {
            if (site.from() >= term.to() && site.from() - term.to() <= SITE_REACH
                    && !stoppedBetween(term.to(), site.from())) {
                return true;
            }
        }
        return false;
    }

    private boolean firstPersonBetween(int from, int to) {
        for (PhraseIndex.Match<Boolean> f : firstPerson) {
            if (f.from() >= from && f.from() < to) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a past marker is near the mention in its sentence, on either side (unlike negation, across "but": "I
     * cracked a rib, but that was years ago"), where the sentence does not say it goes on ("I take rivaroxaban, the
     * doctor started me on it years ago"), and nearer than any word that says what is happening now ("I broke my back
     * years ago, and today I fell off the ladder").
     */
    private boolean inThePast(PhraseIndex.Match<Boolean> term) {
        int dated = distance(reaching(past, term), term);
        return dated != Integer.MAX_VALUE && distance(ongoing, term) == Integer.MAX_VALUE
                && dated < distance(recent, term);
    }

    /**
     * How many words lie between the mention and the nearest of the markers in its sentence, at most
     * {@link #PAST_REACH} away; {@link Integer#MAX_VALUE} when none is.
     */
    private int distance(List<PhraseIndex.Match<Boolean>> markers, PhraseIndex.Match<Boolean> term) {
        int nearest = Integer.MAX_VALUE;
        for (PhraseIndex.Match<Boolean> t : markers) {
            if (t.from() < term.to() && term.from() < t.to()) {
                return 0;
            }
            if (t.from() >= term.to() && t.from() - term.to() <= PAST_REACH && !sentenceBetween(term.to(), t.from())) {
                nearest = Math.min(nearest, t.from() - term.to());
            } else if (t.to() <= term.from() && term.from() - t.to() <= PAST_REACH
                    && !sentenceBetween(t.to(), term.from())) {
                nearest = Math.min(nearest, term.from() - t.to());
            }
        }
        return nearest;
    }

    private boolean turnBetween(int from, int to) {
        return turns.stream().anyMatch(turn -> turn >= from && turn <= to);
    }

    private boolean sentenceBetween(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (sentenceStarts.contains(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean precededBy(List<PhraseIndex.Match<Boolean>> markers, PhraseIndex.Match<Boolean> term) {
        for (PhraseIndex.Match<Boolean> t : markers) {
            if (t.to() <= term.from() && term.from() - t.to() <= othersWindow && !stoppedBetween(t.to(), term.from())) {
                return true;
            }
        }
        return false;
    }

    private boolean followedBy(List<PhraseIndex.Match<Boolean>> markers, PhraseIndex.Match<Boolean> term, int scope) {
        for (PhraseIndex.Match<Boolean> t : markers) {
            if (t.from() >= term.to() && t.from() - term.to() <= scope && !stoppedBetween(term.to(), t.from())) {
                return true;
            }
        }
        return false;
    }

    private boolean noStopWordBetween(int from, int to) {
        for (PhraseIndex.Match<Boolean> s : stops) {
            if (s.from() >= from && s.from() < to) {
                return false;
            }
        }
        return true;
    }

    /** Whether a terminator or a sentence end lies between word {@code from} and word {@code to}. */
    private boolean stoppedBetween(int from, int to) {
        return sentenceBetween(from, to) || !noStopWordBetween(from, to);
    }
}
