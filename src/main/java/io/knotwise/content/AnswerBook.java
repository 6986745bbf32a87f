package io.knotwise.content;

import io.knotwise.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Answers to questions, by intent, and to whatever is asked after an escalation, by the tier raised: the first topic
 * whose keyword occurs in the question wins, else the default.
 */
public final class AnswerBook {

    private final Map<String, Topics> byIntent;
    private final Map<String, Topics> afterEscalation;

    AnswerBook(Map<String, Topics> byIntent, Map<String, Topics> afterEscalation) {
        this.byIntent = Map.copyOf(byIntent);
        this.afterEscalation = Map.copyOf(afterEscalation);
    }

    /** The default answer and the keyword-selected topics of one intent. */
    record Topics(Answer fallback, List<Answer> topics) {

        Topics {
            topics = Copies.list(topics);
        }
    }

    /** The answer to a question of the given intent; {@code normalizedText} is lower case. */
    public Optional<Answer> answer(String intent, String normalizedText) {
        var topics = byIntent.get(intent);
        if (topics == null) {
            return Optional.empty();
        }
        return topic(topics, normalizedText).or(() -> Optional.ofNullable(topics.fallback()));
    }

    /** The topic of an intent's answers whose keyword occurs in the text, never the default. */
    public Optional<Answer> topic(String intent, String normalizedText) {
        var topics = byIntent.get(intent);
        return topics == null ? Optional.empty() : topic(topics, normalizedText);
    }

    /**
     * The answer to a message after an escalation of the given tier ({@code emergency}, {@code urgent} or
     * {@code see_doctor}): the topic it asks about ("while I wait for the ambulance"), or the default when
     * {@code orDefault}.
     */
    public Optional<Answer> afterEscalation(String tier, String normalizedText, boolean orDefault) {
        var topics = afterEscalation.get(tier);
        if (topics == null) {
            return Optional.empty();
        }
        var topic = topic(topics, normalizedText);
        return topic.isPresent() || !orDefault ? topic : Optional.ofNullable(topics.fallback());
    }

    /** The tiers with answers for after an escalation. */
    public Set<String> escalationTiers() {
        return afterEscalation.keySet();
    }

    private static Optional<Answer> topic(Topics topics, String normalizedText) {
        String padded = " " + normalizedText + " ";
        for (Answer topic : topics.topics()) {
            for (String keyword : topic.keywords()) {
                if (padded.contains(" " + keyword)) {
                    return Optional.of(topic);
                }
            }
        }
        return Optional.empty();
    }

    public Set<String> intents() {
        return byIntent.keySet();
    }

    /** Every answer, defaults and topics, for validation. */
    public List<Answer> all() {
        var all = new ArrayList<Answer>();
        Stream.concat(byIntent.values().stream(), afterEscalation.values().stream()).forEach(t -> {
            if (t.fallback() != null) {
                all.add(t.fallback());
            }
            all.addAll(t.topics());
        });
        return all;
    }
}
