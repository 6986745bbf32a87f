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

    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(intent.name());
    }
}
