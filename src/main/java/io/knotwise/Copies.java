package io.knotwise;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable copies for records read from the data files, where a list, map or set the file leaves out arrives as
 * null: it becomes empty, so no caller ever checks for null.
 */
public final class Copies {

    private Copies() {
    }

    /** An immutable copy of the list, or an empty list for null. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An immutable copy of the map, or an empty map for null. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    /** An immutable copy of the set, or an empty set for null. */
    public static <T> Set<T> set(Set<T> set) {
        return set == null ? Set.of() : Set.copyOf(set);
    }
}
