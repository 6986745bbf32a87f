package io.knotwise.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers to questions, by intent: the first topic whose keyword occurs in the question wins, else the default. */
public final class AnswerBook {

    private final Map<String, Topics> byIntent;

    AnswerBook(Map<String, Topics> byIntent) {
        this.byIntent = Map.copyOf(byIntent);
    }

    /** The default answer and the keyword-selected topics of one intent. */
    record Topics(Answer fallback, List<Answer> topics) {

        Topics {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }
    }

    /** The answer to a question of the given intent; {@code normalizedText} is lower case. */
    public Optional<Answer> answer(String intent, String normalizedText) {
        var topics = byIntent.get(intent);
        if (topics == null) {
            return Optional.empty();
        }
        String padded = " " + normalizedText + " ";
        for (Answer topic : topics.topics()) {
            for (String keyword : topic.keywords()) {
                if (padded.contains(" " + keyword)) {
                    return Optional.of(topic);
                }
            }
        }
        return Optional.ofNullable(topics.fallback());
    }

    public java.util.Set<String> intents() {
        return byIntent.keySet();
    }

    /** Every answer, defaults and topics, for validation. */
    public List<Answer> all() {
        var all = new java.util.ArrayList<Answer>();
        byIntent.values().forEach(t -> {
            if (t.fallback() != null) {
                all.add(t.fallback());
            }
            all.addAll(t.topics());
        });
        return all;
    }
}
