package io.knotwise.engine;

import io.knotwise.BadInputException;
import io.knotwise.content.Guidebook;
import io.knotwise.dialog.Payload;
import io.knotwise.dialog.QuickReply;
import io.knotwise.nlu.Entity;
import io.knotwise.nlu.IntentScore;
import io.knotwise.nlu.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the engine reads a message: typed text through the parser, a pressed button's payload as it says, and what a
 * message means at the node it arrives at (a typed choice, "my back" as a body part, a style named as a question).
 * Thread-safe.
 */
final class Reader {

    private final Models models;
    private final Guidebook book;

    Reader(Models models, Guidebook book) {
        this.models = models;
        this.book = book;
    }

    /** A message as understood before any conversation: the parser's reading, or a checked payload. */
    Understanding understand(Input input) {
        if (!input.isPayload()) {
            return models.parser().parse(input.text());
        }
        Payload payload = Payload.parse(input.payload());
        if (!book.intentTitles().containsKey(payload.intent())) {
            throw new BadInputException("the payload names an unknown intent '" + payload.intent() + "'");
        }
        payload.entities().keySet().stream().filter(name -> !Slots.PAYLOAD_ENTITIES.contains(name)).findFirst()
                .ifPresent(name -> {
                    throw new BadInputException("the payload names an unknown entity '" + name + "'; known: "
                            + new TreeSet<>(Slots.PAYLOAD_ENTITIES));
                });
        return fromPayload(payload);
    }

    /**
     * What a message means in its conversation: a button it names (typed or pressed) with what else it said, "back"
     * with a body part as a symptom, a style named as a question about it; where a caution was just raised, a body
     * area named is where the caution is, not where the tension is.
     */
    Understanding meant(Conversation conversation, Understanding understanding, Optional<Payload> chosen,
                        boolean cautioned) {
        Understanding meant = chosen.map(Reader::fromPayload).map(c -> alsoSaid(c, understanding))
                .orElse(understanding);
        if (meant.intent().name().equals(Intents.BACK)
                && meant.entities().stream().anyMatch(e -> e.entity().equals(Slots.BODY_AREA))) {
            // "my back hurts" names the body part; "back" alone, or "go back", is the command.
            meant = meant.withIntent(new IntentScore(Intents.DESCRIBE_SYMPTOM, meant.intent().confidence()));
        }
        if ((meant.outOfScope() || !meant.confident())
                && meant.entities().stream().anyMatch(e -> e.entity().equals(Slots.STYLE))) {
            // "tell me about hot stones": a style named is a question about it.
            meant = meant.withIntent(new IntentScore(Intents.EXPLAIN_TECHNIQUE, meant.intent().confidence()));
        }
        if (cautioned && conversation.slots().containsKey(Slots.BODY_AREA)) {
            // "I've got sunburn on the tops of my shoulders": where the caution is, not where the tension is.
            meant = meant.withEntities(meant.entities().stream()
                    .filter(e -> !e.entity().equals(Slots.BODY_AREA)).toList());
        }
        return meant;
    }

    /** A question mentions things ("is a massage gun safe?") without saying the user has or wants them. */
    boolean asksAQuestion(Understanding understanding) {
        return understanding.confident() && book.graph().digressions().contains(understanding.intent().name());
    }

    /** What the user saw on the button they pressed, or the payload itself when it was not on offer. */
    static String titleOf(Conversation conversation, String payload) {
        return conversation.lastQuickReplies().stream().filter(q -> q.payload().sameAs(payload))
                .map(QuickReply::title).findFirst().orElse(payload);
    }

    /** A quick reply's payload as the understanding of a message: its intent, surely, and its entities. */
    private static Understanding fromPayload(Payload payload) {
        var entities = new ArrayList<Entity>();
        payload.entities().forEach((name, value) -> entities.add(new Entity(name, Slots.payloadValue(name, value),
                0, 0)));
        var intent = new IntentScore(payload.intent(), 1.0);
        return new Understanding("", intent, List.of(intent), entities, true);
    }

    /**
     * A typed choice with what else its message said: "the top of my left shoulder is tight" picks "Tight top of my
     * shoulders" and still says which side.
     */
    private static Understanding alsoSaid(Understanding chosen, Understanding typed) {
        var names = chosen.entities().stream().map(Entity::entity).collect(Collectors.toSet());
        var entities = new ArrayList<>(chosen.entities());
        typed.entities().stream().filter(e -> !names.contains(e.entity())).forEach(entities::add);
        return chosen.withEntities(entities);
    }
}
