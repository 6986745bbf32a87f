package io.knotwise.content;

import java.util.List;
import java.util.Map;

/**
 * An answer to a question, with the keywords that select it (empty for a default) and its sources. Immutable.
 *
 * @param about what the answer advises on, of {@link io.knotwise.safety.Category#SUBJECTS}
 * @param cautions the answer as it must be given while a caution category (by id) is raised
 */
public record Answer(String id, List<String> keywords, String text, List<String> sources, List<String> about,
                     Map<String, String> cautions) {

    public Answer {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        sources = sources == null ? List.of() : List.copyOf(sources);
        about = about == null ? List.of() : List.copyOf(about);
        cautions = cautions == null ? Map.of() : Map.copyOf(cautions);
    }
}
