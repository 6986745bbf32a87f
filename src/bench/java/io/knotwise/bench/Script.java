package io.knotwise.bench;

import io.knotwise.engine.Input;
import java.util.List;

/**
 * One scripted session of a simulated user, read from {@code bench/conversations.tsv}. Immutable.
 *
 * @param weight how many of every cycle of conversations follow this script
 */
record Script(String name, int weight, List<Line> lines) {

    /** A line that creates the conversation rather than sending a message. */
    static final String START = "start";
    /** A line that is a stateless {@code /api/v1/parse} call, not a turn. */
    static final String PARSE = "parse";

    Script {
        if (weight < 1) {
            throw new IllegalArgumentException("script '" + name + "': the weight must be at least 1");
        }
        lines = List.copyOf(lines);
    }

    /** The lines that are turns of the conversation, without the parse calls. */
    Script turnsOnly() {
        return new Script(name, weight, lines.stream().filter(line -> !line.kind().equals(PARSE)).toList());
    }

    /** The lines up to and including the first line of the given kind. */
    Script until(String kind) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind().equals(kind)) {
                return new Script(name, weight, lines.subList(0, i + 1));
            }
        }
        throw new IllegalArgumentException("script '" + name + "' has no line of kind '" + kind + "'");
    }

    /**
     * One line: its kind (what it stands for in a benchmark's report) and what the user sends.
     *
     * @param message the text, or a quick-reply payload when it starts with "/", or null for {@link #START}
     */
    record Line(String kind, String message) {

        /** What the engine is given for this line. */
        Input input() {
            return message.startsWith("/") ? Input.payload(message) : Input.text(message);
        }
    }
}
