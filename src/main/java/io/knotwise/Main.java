package io.knotwise;

import io.knotwise.cli.Commands;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The front door: {@code java -jar knotwise.jar [COMMAND [ARGS...]]} runs a command of {@link Commands} ({@code serve}
 * when none is named) and turns a failure Knotwise reports on purpose into a message and an exit code.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Logging starts here, on one thread, before the loaders' threads log: otherwise SLF4J intercepts their first
        // lines while it initialises and prints a warning when it replays them.
        LoggerFactory.getILoggerFactory();
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        try {
            if (!Commands.run(command, Settings.from(System.getenv()), rest)) {
                System.err.println(Commands.USAGE);
                System.exit(2);
            }
        } catch (InvalidDataException e) {
            e.problems().forEach(System.err::println);
            System.err.println("Knotwise refuses to start: fix the problems above.");
            System.exit(1);
        } catch (KnotwiseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
