package io.knotwise.content;

import java.util.List;

/** An answer to a question, with the keywords that select it (empty for a default) and its sources. Immutable. */
public record Answer(String id, List<String> keywords, String text, List<String> sources) {

    public Answer {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
