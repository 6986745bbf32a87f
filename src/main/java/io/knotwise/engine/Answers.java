package io.knotwise.engine;

import io.knotwise.content.Answer;
import io.knotwise.content.AnswerBook;
import io.knotwise.content.Style;
import io.knotwise.content.Technique;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Understanding;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Answers a question asked at any point: from the answer book, or by explaining a named technique or style. */
final class Answers {

    private final AnswerBook book;
    private final Map<String, Style> styles;
    private final Map<String, Technique> techniques;
    private final Function<String, String> guideTitle;
    private final Phrasebook phrases;

    Answers(AnswerBook book, Map<String, Style> styles, Map<String, Technique> techniques,
            Function<String, String> guideTitle, Phrasebook phrases) {
        this.book = book;
        this.styles = styles;
        this.techniques = techniques;
        this.guideTitle = guideTitle;
        this.phrases = phrases;
    }

    String answer(Conversation conversation, Understanding understanding) {
        String intent = understanding.intent().name();
        long named = understanding.entities().stream().filter(e -> e.entity().equals(Slots.STYLE)
                || e.entity().equals(Slots.TECHNIQUE)).count();
        String words = TextNormalizer.phrase(understanding.text());
        var glossary = intent.equals(Intents.EXPLAIN_TECHNIQUE) ? book.topic(intent, words) : Optional.<Answer>empty();
        if (glossary.isPresent()) {
            return phrases.shaped(conversation, glossary.get().text(), glossary.get().cautions());
        }
        if (intent.equals(Intents.EXPLAIN_TECHNIQUE) || named >= 2) {
            // Every style and technique named, so "Swedish or deep tissue?" compares both.
            var explained = new ArrayList<String>();
            for (Entity entity : understanding.entities()) {
                String id = String.valueOf(entity.value());
                if (entity.entity().equals(Slots.STYLE) && styles.containsKey(id)) {
                    var style = styles.get(id);
                    explained.add(phrases.text("explain_style", conversation,
                            Map.of("name", style.name(), "what", style.what(), "good_for", style.goodFor())));
                }
                if (entity.entity().equals(Slots.TECHNIQUE) && techniques.containsKey(id)) {
                    var t = techniques.get(id);
                    explained.add(phrases.text("explain_technique", conversation, Map.of("name", t.name(),
                            "summary", t.summary(), "targets", String.join(", ", t.targets()),
                            "guide", guideTitle.apply(t.source()))));
                }
            }
            if (!explained.isEmpty()) {
                return String.join("\n\n", explained.stream().distinct().toList());
            }
        }
        return book.answer(intent, words).map(a -> phrases.shaped(conversation, a.text(), a.cautions()))
                .orElseGet(() -> phrases.text("reply_" + intent, conversation, Map.of()));
    }
}
