package io.knotwise.safety;

import io.knotwise.Copies;
import java.util.List;
import java.util.Map;

/**
 * How ages are read: a number said as an age ("I'm 78", "she's 82", "67 years old") becomes the marker word of the
 * highest threshold it reaches, so terms and combinations can name "age70plus". Immutable.
 *
 * @param markers marker words and the lowest age each stands for
 * @param before words right before a number that make it an age ("i'm", "aged")
 * @param after words right after a number that make it an age ("years", "yo")
 * @param notAfter words that, within two words before a number, make it something else ("temperature is 39")
 */
public record Ages(Map<String, Integer> markers, List<String> before, List<String> after, List<String> notAfter) {

    public Ages {
        markers = Copies.map(markers);
        before = Copies.list(before);
        after = Copies.list(after);
        notAfter = Copies.list(notAfter);
    }

    public static Ages none() {
        return new Ages(Map.of(), List.of(), List.of(), List.of());
    }

    /** The marker for an age, or null when it reaches no threshold. */
    String marker(int age) {
        return markers.entrySet().stream().filter(e -> age >= e.getValue())
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
