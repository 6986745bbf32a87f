package io.knotwise.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.knotwise.InvalidDataException;
import io.knotwise.dialog.Node;
import io.knotwise.dialog.NodeType;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.safety.Ages;
import io.knotwise.safety.Category;
import io.knotwise.safety.Checklist;
import io.knotwise.safety.Concepts;
import io.knotwise.safety.Experiencer;
import io.knotwise.safety.Modifiers;
import io.knotwise.safety.Negation;
import io.knotwise.safety.PastMarkers;
import io.knotwise.safety.SafetyCorpus;
import io.knotwise.safety.SafetyRules;
import io.knotwise.safety.SecondOpinion;
import io.knotwise.safety.StopTrigger;
import io.knotwise.safety.Tier;
import io.knotwise.safety.TierAdvice;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shape of each file in {@code dialogs/}, as Jackson reads it; {@link ContentLoader} turns them into values. */
final class FileFormats {

    private FileFormats() {
    }

    /** A quick reply's payload as the dialog files write it: {@code {intent: next, entities: {...}}}. */
    abstract static class PayloadForm {

        @JsonCreator(
                mode = JsonCreator.Mode.DELEGATING)
        static Payload from(Object value) {
            return Payload.from(value);
        }
    }

    record VocabularyFile(String version, Map<String, String> bodyAreas, Map<String, String> tools) {
    }

    record GuidesFile(String version, List<Guide> guides) {
    }

    record SetupsFile(String version, List<Setup> setups) {
    }

    record TechniqueFile(String version, Technique technique) {
    }

    record RoutinesFile(String version, List<Routine> routines, Map<String, TensionAdvice> tensionAdvice) {
    }

    record StylesFile(String version, List<Style> styles) {
    }

    record ResponsesFile(String version, Map<String, List<String>> responses, Map<String, List<String>> about) {
    }

    record IntentsFile(String version, Map<String, String> titles) {
    }

    record GlobalFile(String version, String start, Map<String, String> on, List<String> digressions,
                      Map<String, List<String>> commands, String escalation, String paused, String clarify,
                      String correction) {
    }

    record FlowFile(String version, List<NodeSpec> nodes) {
    }

    record NodeSpec(String id, String type, String say, String slot, List<String> skipIf,
                    List<QuickReply> quickReplies, String next, Map<String, String> on) {

        Node toNode(String file) {
            NodeType nodeType;
            try {
                nodeType = NodeType.valueOf(String.valueOf(type).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(file + ": " + id + ": unknown node type '" + type + "'", e);
            }
            return new Node(id, nodeType, say, slot, skipIf, quickReplies, next, on, file);
        }
    }

    record AnswerSpec(String id, List<String> keywords, String text, List<String> sources, List<String> about,
                      Map<String, String> cautions) {

        Answer toAnswer(String fallbackId) {
            return new Answer(id == null ? fallbackId : id, keywords, text, sources, about, cautions);
        }
    }

    record IntentAnswers(AnswerSpec fallback, List<AnswerSpec> topics) {

        @JsonCreator
        static IntentAnswers of(@JsonProperty("default") AnswerSpec fallback,
                                @JsonProperty("topics") List<AnswerSpec> topics) {
            return new IntentAnswers(fallback, topics);
        }
    }

    record AnswersFile(String version, Map<String, IntentAnswers> answers,
                       Map<String, IntentAnswers> afterEscalation) {

        AnswerBook toBook() {
            return new AnswerBook(topics(answers), topics(afterEscalation == null ? Map.of() : afterEscalation));
        }

        private static Map<String, AnswerBook.Topics> topics(Map<String, IntentAnswers> answers) {
            var byKey = new LinkedHashMap<String, AnswerBook.Topics>();
            answers.forEach((key, a) -> byKey.put(key, new AnswerBook.Topics(
                    a.fallback() == null ? null : a.fallback().toAnswer(key),
                    a.topics() == null ? List.of() : a.topics().stream().map(t -> t.toAnswer(key)).toList())));
            return byKey;
        }
    }

    record CorpusFile(String version, Map<String, SafetyCorpus.Cases> categories, List<SafetyCorpus.Case> modifiers,
                      List<String> benign) {

        SafetyCorpus toCorpus() {
            return new SafetyCorpus(categories == null ? Map.of() : categories,
                    modifiers == null ? List.of() : modifiers, benign == null ? List.of() : benign);
        }
    }

    record CategorySpec(String id, String tier, String message, String caution, List<String> terms,
                        List<List<List<String>>> allOf, List<String> emergencyTerms,
                        List<List<List<String>>> emergencyAllOf, List<String> unsureTerms,
                        List<List<List<String>>> unsureAllOf, String clarify,
                        List<String> excludedTools, List<String> excludedTechniques,
                        String maxPressure, List<String> restricts, String contact, String stopped,
                        List<String> sources) {
    }

    record SafetyFile(String version, Map<String, String> emergencyNumbers, Map<String, String> urgentContacts,
                      Map<String, TierAdvice> tiers,
                      Negation negation, Experiencer experiencer, List<String> idioms, List<String> literals,
                      List<CategorySpec> categories,
                      Modifiers modifiers,
                      List<StopTrigger> midTechniqueStop, PastMarkers pastMarkers, Map<String, String> spellings,
                      Map<String, String> emoji, Map<String, String> dictation, List<String> corrections,
                      List<String> generalQuestions, Ages ages,
                      List<String> exactWords, Checklist checklist, SecondOpinion secondOpinion) {

        SafetyRules toRules(Concepts concepts) {
            var advice = new EnumMap<Tier, TierAdvice>(Tier.class);
            tiers.forEach((tier, said) -> advice.put(Tier.fromId(tier), said));
            List<Category> list = categories.stream().map(c -> new Category(c.id(), Tier.fromId(c.tier()),
                    c.message(), c.caution(), c.terms(), c.allOf(), c.emergencyTerms(), c.emergencyAllOf(),
                    c.unsureTerms(), c.unsureAllOf(), c.clarify(), c.excludedTools(), c.excludedTechniques(),
                    c.maxPressure(), c.restricts(), c.contact(), c.stopped(), c.sources())).toList();
            return new SafetyRules(emergencyNumbers, urgentContacts, advice, negation, experiencer, idioms, literals,
                    list, modifiers, midTechniqueStop, pastMarkers, spellings, emoji, dictation, corrections,
                    generalQuestions, ages, exactWords, checklist, secondOpinion, concepts);
        }
    }

    record ConceptsFile(String version, Map<String, List<String>> concepts, Map<String, List<String>> grounds,
                        Map<String, List<List<String>>> patterns, Map<String, List<String>> contradicts,
                        Concepts.Explaining explains) {

        Concepts toConcepts() {
            return new Concepts(concepts, grounds, patterns, contradicts, explains);
        }
    }
}
