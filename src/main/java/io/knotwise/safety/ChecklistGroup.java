package io.knotwise.safety;

import java.util.List;

/** One quick reply of the screening checklist and the categories it raises. Immutable. */
public record ChecklistGroup(String id, String title, List<String> categories) {

    public ChecklistGroup {
        categories = List.copyOf(categories);
    }
}
