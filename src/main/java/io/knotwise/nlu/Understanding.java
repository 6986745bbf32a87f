package io.knotwise.nlu;

import java.util.List;

/**
 * What one message means: the best intent, the whole ranking, the entities and whether the intent is confident
 * enough to act on. Immutable.
 */
public record Understanding(String text, IntentScore intent, List<IntentScore> ranking, List<Entity> entities,
                            boolean confident) {

    public static final String OUT_OF_SCOPE = "out_of_scope";

    public Understanding {
        ranking = List.copyOf(ranking);
        entities = List.copyOf(entities);
    }

    /** The same understanding read as another intent ("my back hurts" is not "go back"). */
    public Understanding withIntent(IntentScore meant) {
        return new Understanding(text, meant, ranking, entities, confident);
    }

    /** The same understanding with other entities. */
    public Understanding withEntities(List<Entity> others) {
        return new Understanding(text, intent, ranking, others, confident);
    }

    /** Whether the message is out of scope: the classifier said so, or it was not confident of anything. */
    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(decided().name());
    }

    /**
     * The intent as decided: the best one when confident, else {@code out_of_scope} (with the classifier's own
     * out-of-scope confidence). This is what the API reports as {@code intent}.
     */
    public IntentScore decided() {
        if (confident) {
            return intent;
        }
        double oos = ranking.stream().filter(s -> s.name().equals(OUT_OF_SCOPE)).mapToDouble(IntentScore::confidence)
                .findFirst().orElse(0);
        return new IntentScore(OUT_OF_SCOPE, oos);
    }
}
