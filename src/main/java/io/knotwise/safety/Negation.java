package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;

/**
 * NegEx-style negation (Chapman et al., 2001): a trigger negates a term within {@code window} tokens after it, a
 * post-trigger one within {@code window} tokens before it, unless a terminator comes between. Pseudo-triggers look
 * like triggers but negate nothing ("not sure if"); hypothetical triggers ("what if") scope like negation: a question
 * about a clot is not a clot. Answers ("no", "none", "nope") negate the term just before them when they stand alone,
 * across a question mark: a checklist answered in one line ("Fever? No."). A question (a sentence ending in "?" or
 * opening with one of {@code questionStarts}) with no first-person word in it asks about a topic without saying the
 * user has it ("is fever a reason to skip massage?"), unless the next sentence opens with one of {@code affirmatives}
 * ("Does it wake you? Yes, most nights."), which also makes a hypothetical in the sentence before it a real
 * conditional ("is massage OK if your legs are numb? Because mine both are"). A hypothetical trigger followed in its
 * clause by one of {@code stated} is a real conditional and scopes nothing: "is the roller ok if I've lost bladder
 * control this week?" says the user has. An answer may follow a checklist item after a short lead-in of
 * {@code leadIns} words or numbers ("Pregnant? At 74, certainly not."). After one of {@code doubledBy} earlier in its
 * sentence, "without" denies nothing: "can't climb the stairs without getting breathless" says the user always does. A
 * question holding one of {@code owned} is about the user: "is the peanut ball ok with a bump?" says they have one. A
 * bare "if" (or another of {@code presupposable}: "if I have") shortly after one of {@code presupposing} in its
 * sentence is a real conditional too: "can I still use the ball if my left arm feels heavy?" says it does, unless one
 * of {@code supposing} follows the "if" in its window ("can I still do this if I get pregnant?"), or one of
 * {@code advising} opens the question before it: "what should I do if I feel faint?" asks for advice on a supposed
 * case. Answers of {@code itemAnswers} answer only their own items. Immutable.
 */
public record Negation(int window, List<String> triggers, List<String> postTriggers, List<String> terminators,
                       List<String> pseudoTriggers, List<String> hypothetical, List<String> answers,
                       List<String> questionStarts, List<String> affirmatives, List<String> stated,
                       List<String> leadIns, List<String> doubledBy, List<String> owned, List<String> presupposing,
                       List<String> presupposable, List<String> supposing, List<String> advising,
                       List<ItemAnswers> itemAnswers) {

    public Negation {
        if (window < 1) {
            throw new IllegalArgumentException("negation window must be at least 1, was " + window);
        }
        triggers = List.copyOf(triggers);
        postTriggers = Copies.list(postTriggers);
        terminators = Copies.list(terminators);
        pseudoTriggers = Copies.list(pseudoTriggers);
        hypothetical = Copies.list(hypothetical);
        answers = Copies.list(answers);
        questionStarts = Copies.list(questionStarts);
        affirmatives = Copies.list(affirmatives);
        stated = Copies.list(stated);
        leadIns = Copies.list(leadIns);
        doubledBy = Copies.list(doubledBy);
        owned = Copies.list(owned);
        presupposing = Copies.list(presupposing);
        presupposable = Copies.list(presupposable);
        for (String trigger : presupposable) {
            if (!hypothetical.contains(trigger)) {
                throw new IllegalArgumentException("safety/reading.yml: negation: presupposable: \"" + trigger
                        + "\" is not one of the hypothetical triggers, so no question can make it a real conditional");
            }
        }
        supposing = Copies.list(supposing);
        advising = Copies.list(advising);
        itemAnswers = Copies.list(itemAnswers);
    }

    /**
     * Answers that fit one checklist item only: they deny a term holding one of {@code items}, and nothing else
     * ("pregnant? I am a man" denies the pregnancy; "crushing chest pain, I'm a man." denies nothing).
     */
    public record ItemAnswers(List<String> items, List<String> answers) {

        public ItemAnswers {
            items = List.copyOf(items);
            answers = List.copyOf(answers);
        }
    }
}
