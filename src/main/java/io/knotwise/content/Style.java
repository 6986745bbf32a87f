package io.knotwise.content;

import java.util.List;

/** A professional massage style: explained and used to choose a therapist, never walked through. Immutable. */
public record Style(String id, String name, String what, String goodFor, List<String> sources) {

    public Style {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
