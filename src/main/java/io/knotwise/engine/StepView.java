package io.knotwise.engine;

import java.util.List;

/**
 * A step as data, beside its message's text, so a client renders it without reading English: which step of how many,
 * the instruction alone, its hold and repetitions, the side started on, and the body areas with the words the guide
 * uses for them. Immutable.
 *
 * @param side {@code left} or {@code right} when the user said their tension is mostly on one side, else null
 */
public record StepView(int number, int total, String instruction, Integer holdSeconds, Integer repetitions,
                       String side, List<Area> bodyAreas) {

    public StepView {
        bodyAreas = List.copyOf(bodyAreas);
    }

    /** A body area: its id (as in the API's entities) and how the guide names it ("between your shoulder blades"). */
    public record Area(String id, String name) {
    }
}
