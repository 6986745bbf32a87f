package io.knotwise;

import java.util.List;

/** Data in {@code dialogs/} or {@code models/} is broken; each problem reads {@code file: node: message}. */
public final class InvalidDataException extends KnotwiseException {

    private final List<String> problems;

    public InvalidDataException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidDataException(String problem) {
        this(List.of(problem));
    }

    public InvalidDataException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
