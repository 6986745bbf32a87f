package io.knotwise.content;

import java.util.Map;

/** The body areas and tools that everything else refers to, each with the words used to name it to a user. */
public record Vocabulary(Map<String, String> bodyAreas, Map<String, String> tools) {

    public Vocabulary {
        bodyAreas = Map.copyOf(bodyAreas);
        tools = Map.copyOf(tools);
    }
}
