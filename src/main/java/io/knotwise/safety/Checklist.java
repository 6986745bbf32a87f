package io.knotwise.safety;

import java.util.List;
import java.util.Optional;

/** The one-message screening question asked before any guidance. Immutable. */
public record Checklist(String text, String noneTitle, List<ChecklistGroup> groups) {

    public Checklist {
        groups = List.copyOf(groups);
    }

    public Optional<ChecklistGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }
}
