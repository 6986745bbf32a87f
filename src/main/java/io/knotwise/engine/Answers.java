package io.knotwise.engine;

import io.knotwise.content.Guidebook;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.TextNormalizer;
import io.knotwise.nlu.Understanding;
import java.util.Map;

/** Answers a question asked at any point: from the answer book, or by explaining a named technique or style. */
final class Answers {

    private final Guidebook book;

    Answers(Guidebook book) {
        this.book = book;
    }

    String answer(Conversation conversation, Understanding understanding, Navigator navigator) {
        String intent = understanding.intent().name();
        long named = understanding.entities().stream().filter(e -> e.entity().equals("style")
                || e.entity().equals(Slots.TECHNIQUE)).count();
        if (intent.equals("explain_technique") || named >= 2) {
            // Every style and technique named, so "Swedish or deep tissue?" compares both.
            var explained = new java.util.ArrayList<String>();
            for (Entity entity : understanding.entities()) {
                String id = String.valueOf(entity.value());
                if (entity.entity().equals("style") && book.styles().containsKey(id)) {
                    var style = book.styles().get(id);
                    explained.add(navigator.text("explain_style", conversation,
                            Map.of("name", style.name(), "what", style.what(), "good_for", style.goodFor())));
                }
                if (entity.entity().equals(Slots.TECHNIQUE) && book.techniques().containsKey(id)) {
                    var t = book.techniques().get(id);
                    explained.add(navigator.text("explain_technique", conversation, Map.of("name", t.name(),
                            "summary", t.summary(), "targets", String.join(", ", t.targets()),
                            "guide", book.guideTitle(t.source()))));
                }
            }
            if (!explained.isEmpty()) {
                return String.join("\n\n", explained.stream().distinct().toList());
            }
        }
        String words = String.join(" ", TextNormalizer.words(understanding.text()));
        return book.answers().answer(intent, words).map(a -> navigator.shaped(conversation, a.text(), a.cautions()))
                .orElseGet(() -> navigator.text("reply_" + intent, conversation, Map.of()));
    }
}
