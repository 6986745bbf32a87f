package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the user says what their job is ("I'm a radiographer", "pharmacy tech here", "receptionist at the oncology
 * clinic"): a diagnosis or treatment named in the same sentence is their patients' or customers', not theirs
 * ("I X-ray broken bones all day", "I hand out warfarin all day"). Symptoms in that sentence still count. Immutable.
 *
 * @param jobs job nouns ("nurse", "radiographer")
 * @param before what says a job noun is the user's when it comes before it ("i'm a", "as a", "trainee")
 * @param fields words naming a field that may stand between those and the job noun ("i'm a chemo nurse")
 * @param after what says so when it comes after it ("here", "by trade")
 * @param phrases other phrases that put the sentence at work ("for a living", "i work in")
 * @param claims what claims a named condition for the user right before it ("had cancer", "on warfarin")
 */
record Work(List<String> jobs, List<String> before, List<String> fields, List<String> after, List<String> phrases,
                   List<String> claims) {

    public Work {
        jobs = Copies.list(jobs);
        before = Copies.list(before);
        fields = Copies.list(fields);
        after = Copies.list(after);
        phrases = Copies.list(phrases);
        claims = Copies.list(claims);
    }

    public static Work none() {
        return new Work(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Every phrase that says the user is at work: a job with what comes before it (perhaps with its field between)
     * or after it, and the phrases.
     */
    public List<String> markers() {
        return Stream.of(jobs.stream().flatMap(j -> before.stream().map(b -> b + " " + j)),
                jobs.stream().flatMap(j -> before.stream()
                        .flatMap(b -> fields.stream().map(f -> b + " " + f + " " + j))),
                jobs.stream().flatMap(j -> after.stream().map(a -> j + " " + a)), phrases.stream())
                .flatMap(s -> s).toList();
    }
}
