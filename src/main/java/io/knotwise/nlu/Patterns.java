package io.knotwise.nlu;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;

/**
 * Data for the pattern entities, from {@code models/patterns.yml}. Immutable.
 *
 * @param numbers number words and their values ("seven": 7, "a": 1)
 * @param durationUnits words for a unit of available time and its length in minutes ("mins": 1, "hour": 60)
 * @param durationPhrases phrases that name available time by themselves ("half an hour": 30)
 * @param onsetUnits words for how long something has lasted and the onset value ("weeks": "weeks")
 * @param onsetPhrases phrases that name an onset by themselves ("since yesterday": "days")
 * @param severityWords phrases that rate pain on the 0 to 10 scale ("pretty bad": 7)
 * @param severityScales what follows a number to make it a 0 to 10 rating ("out of ten", "/10")
 * @param toolNegations words that, up to three words before a tool, say the user does not have it ("no ball")
 * @param notOnset words that, right after a number and a unit, say it is not how long the pain has lasted ("24
 *     weeks pregnant", "45 years old")
 * @param notOnsetBefore words that, up to three words before a number and a unit, say it is how far a pregnancy has
 *     gone, not how long the pain has lasted ("mum-to-be here, 30 weeks")
 * @param helperCues words near a person ("my son can help", "my wife will do it") that make them a partner to help;
 *     without one, a person mentioned in a longer message ("a ball my son left behind") is not a partner
 */
public record Patterns(
        Map<String, Integer> numbers,
        Map<String, Integer> durationUnits,
        Map<String, Integer> durationPhrases,
        Map<String, String> onsetUnits,
        Map<String, String> onsetPhrases,
        Map<String, Integer> severityWords,
        List<String> severityScales,
        List<String> notOnset,
        List<String> notOnsetBefore,
        List<String> toolNegations,
        List<String> helperCues) {

    public Patterns {
        numbers = Map.copyOf(numbers);
        durationUnits = Map.copyOf(durationUnits);
        durationPhrases = Map.copyOf(durationPhrases);
        onsetUnits = Map.copyOf(onsetUnits);
        onsetPhrases = Map.copyOf(onsetPhrases);
        severityWords = Map.copyOf(severityWords);
        severityScales = List.copyOf(severityScales);
        notOnset = Copies.list(notOnset);
        notOnsetBefore = Copies.list(notOnsetBefore);
        toolNegations = Copies.list(toolNegations);
        helperCues = Copies.list(helperCues);
    }
}
