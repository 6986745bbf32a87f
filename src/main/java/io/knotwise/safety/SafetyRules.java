package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the red-flag screen knows, loaded from the files of {@code dialogs/safety/}. Immutable.
 *
 * @param urgentContacts who to contact today for an urgent flag, by locale such as {@code en-GB}, with a default
 * @param spellings common misspellings of red-flag words and the word meant ("tite": "tight")
 * @param emoji emoji and the word each is read as ("🤰": "pregnant")
 * @param dictation punctuation said aloud to a dictating phone and the mark it stands for ("full stop": ".")
 * @param corrections phrases with which a user says an earlier flag was a misunderstanding
 * @param generalQuestions phrases that make a whole message a general question ("just curious"): it raises no
 *     flag below emergency (an emergency is never dismissed as a question)
 * @param ages how ages are read into marker words
 * @param literals phrases said as they are though an idiom lies inside them ("my head is killing me" is a headache,
 *     "killing me" an idiom)
 * @param exactWords words matched as written, not by stem, where the ending matters ("legs" is not "leg")
 */
public record SafetyRules(
        Map<String, String> emergencyNumbers,
        Map<String, String> urgentContacts,
        Map<Tier, TierAdvice> tiers,
        Negation negation,
        Experiencer experiencer,
        List<String> idioms,
        List<String> literals,
        List<Category> categories,
        Modifiers modifiers,
        List<StopTrigger> midTechniqueStop,
        PastMarkers pastMarkers,
        Map<String, String> spellings,
        Map<String, String> emoji,
        Map<String, String> dictation,
        List<String> corrections,
        List<String> generalQuestions,
        Ages ages,
        List<String> exactWords,
        Checklist checklist,
        SecondOpinion secondOpinion,
        Concepts concepts) {

    public SafetyRules {
        emergencyNumbers = Map.copyOf(emergencyNumbers);
        urgentContacts = Copies.map(urgentContacts);
        tiers = Map.copyOf(tiers);
        idioms = Copies.list(idioms);
        literals = Copies.list(literals);
        categories = List.copyOf(categories);
        modifiers = modifiers == null ? Modifiers.none() : modifiers;
        midTechniqueStop = Copies.list(midTechniqueStop);
        pastMarkers = pastMarkers == null ? PastMarkers.none() : pastMarkers;
        experiencer = experiencer == null ? Experiencer.none() : experiencer;
        spellings = Copies.map(spellings);
        emoji = Copies.map(emoji);
        dictation = Copies.map(dictation);
        corrections = Copies.list(corrections);
        generalQuestions = Copies.list(generalQuestions);
        ages = ages == null ? Ages.none() : ages;
        exactWords = Copies.list(exactWords);
        secondOpinion = secondOpinion == null ? SecondOpinion.never() : secondOpinion;
        concepts = concepts == null ? Concepts.none() : concepts;
    }

    /** The same rules with other thresholds for the learned second opinion. */
    public SafetyRules withSecondOpinion(SecondOpinion thresholds) {
        return new SafetyRules(emergencyNumbers, urgentContacts, tiers, negation, experiencer, idioms, literals,
                categories, modifiers, midTechniqueStop, pastMarkers, spellings, emoji, dictation, corrections,
                generalQuestions, ages, exactWords, checklist, thresholds, concepts);
    }

    public Optional<Category> category(String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The emergency number for a locale such as {@code en-GB}, falling back to the default entry. */
    public String emergencyNumber(String locale) {
        if (locale != null && emergencyNumbers.containsKey(locale)) {
            return emergencyNumbers.get(locale);
        }
        return emergencyNumbers.getOrDefault("default", "112");
    }

    /** Who to contact today for an urgent flag in a locale such as {@code en-GB}, falling back to the default. */
    public String urgentContact(String locale) {
        if (locale != null && urgentContacts.containsKey(locale)) {
            return urgentContacts.get(locale);
        }
        return urgentContacts.getOrDefault("default", "a doctor, an urgent care service or a nurse helpline");
    }
}
