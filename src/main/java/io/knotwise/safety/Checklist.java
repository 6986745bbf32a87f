package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.Optional;

/**
 * The one-message screening question asked before any guidance. Immutable.
 *
 * @param blanket phrases that deny the whole list ("none", "nothing like that", "all clear"), as opposed to denying
 *     some items of it ("no chest pain or numbness"), after which the guide asks about the rest
 */
public record Checklist(String text, String noneTitle, List<ChecklistGroup> groups, List<String> blanket) {

    public Checklist {
        groups = List.copyOf(groups);
        blanket = Copies.list(blanket);
    }

    /**
     * Whether a message (in normalized words) denies the whole list rather than some of its items: a blanket phrase,
     * or a bare "no". "No chest pain or numbness" denies two items and says nothing of the rest.
     */
    public boolean deniesAll(List<String> words) {
        String padded = " " + String.join(" ", words) + " ";
        return words.size() <= 2 || blanket.stream().anyMatch(phrase -> padded.contains(" " + phrase + " "));
    }

    public Optional<ChecklistGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }
}
