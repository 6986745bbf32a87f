package io.knotwise.content;

import io.knotwise.Copies;
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
        keywords = Copies.list(keywords);
        sources = Copies.list(sources);
        about = Copies.list(about);
        cautions = Copies.map(cautions);
    }
}
