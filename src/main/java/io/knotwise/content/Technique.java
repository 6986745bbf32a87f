package io.knotwise.content;

import io.knotwise.Copies;
import java.util.ArrayList;
import java.util.List;

/**
 * A technique from one of the guides, with the steps it is walked through in. Immutable.
 *
 * @param performer {@code self} or {@code partner}
 * @param kind {@code massage}, {@code stretch}, {@code movement}, {@code heat} or {@code cold}
 * @param setup the id of a set-up whose steps come first, or null
 * @param source the id of the guide it comes from
 */
public record Technique(
        String id,
        String name,
        String performer,
        String kind,
        String summary,
        List<String> bodyAreas,
        List<String> targets,
        List<String> tools,
        Minutes minutes,
        String pressure,
        String setup,
        String source,
        List<Step> steps,
        List<String> mistakes,
        List<String> cautions) {

    public Technique {
        bodyAreas = Copies.list(bodyAreas);
        targets = Copies.list(targets);
        tools = Copies.list(tools);
        steps = Copies.list(steps);
        mistakes = Copies.list(mistakes);
        cautions = Copies.list(cautions);
    }

    /** This technique with the given steps in front of its own (used to expand a set-up). */
    public Technique withLeadingSteps(List<Step> leading) {
        var all = new ArrayList<>(leading);
        all.addAll(steps);
        return new Technique(id, name, performer, kind, summary, bodyAreas, targets, tools, minutes,
                pressure, setup, source, all, mistakes, cautions);
    }
}
