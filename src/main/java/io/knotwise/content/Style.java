package io.knotwise.content;

import io.knotwise.Copies;
import java.util.List;

/** A professional massage style: explained and used to choose a therapist, never walked through. Immutable. */
public record Style(String id, String name, String what, String goodFor, List<String> sources) {

    public Style {
        sources = Copies.list(sources);
    }
}
