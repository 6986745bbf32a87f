package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;

/**
 * ConText's experiencer (Harkema et al., 2009): who a mention is about. A trigger ("my mum", "her", "my aunt's")
 * puts what follows it, up to {@code window} words, a first-person word or a terminator, on someone else; a
 * backward trigger ("not me", "runs in the family") what comes before it. Someone else's current emergency or urgent
 * symptoms are still raised (for them); their history, condition or medication is not the user's. Immutable.
 *
 * @param subject phrases that make someone else the subject of the guidance ("can I massage her upper back?",
 *     "his back"): then their mentions are read as the user's own
 * @param self phrases with which the user says the question is about their own back ("this one is for me"):
 *     then no subject phrase counts
 * @param firstPerson words that bring a mention back to the user ("i", "me", "i'm")
 * @param userSites phrases right after a mention that place it on the user's body ("my carer found a lump on my
 *     back")
 * @param past markers that put someone else's mention in the past ("last year", "she's fine now"), on top of the
 *     user's own past markers
 * @param namedConditions words that name a diagnosis or treatment rather than a symptom ("dvt", "chemo"): someone
 *     else's named condition is their history, not a symptom to answer
 * @param history what, right before someone else's named condition, makes it their history even where it is an
 *     emergency word ("my mum had a clot on the lung after my sister was born"); "has a clot on the lung" stays
 *     current
 * @param notForOthers urgent categories that are never raised for someone else (a relative's cancer)
 * @param work how the user says what their job is: it puts the sentence's named conditions on someone else too
 */
public record Experiencer(int window, List<String> triggers, List<String> backward, List<String> subject,
                          List<String> self,
                          List<String> firstPerson, List<String> userSites,
                          List<String> past, List<String> namedConditions, List<String> history,
                          List<String> notForOthers, Work work) {

    public Experiencer {
        if (window < 1) {
            throw new IllegalArgumentException("experiencer window must be at least 1, was " + window);
        }
        triggers = List.copyOf(triggers);
        backward = Copies.list(backward);
        subject = Copies.list(subject);
        self = Copies.list(self);
        firstPerson = Copies.list(firstPerson);
        userSites = Copies.list(userSites);
        past = Copies.list(past);
        namedConditions = Copies.list(namedConditions);
        history = Copies.list(history);
        notForOthers = Copies.list(notForOthers);
        work = work == null ? Work.none() : work;
    }

    public static Experiencer none() {
        return new Experiencer(1, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), Work.none());
    }
}
