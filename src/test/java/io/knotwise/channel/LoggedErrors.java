package io.knotwise.channel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ERROR lines logged while it is open. Webhooks acknowledge first and work afterwards, where a failure is only
 * logged (slf4j-simple writes to whatever {@code System.err} is at the time): a fuzz test reads them here to see
 * failures its HTTP answer cannot show. Everything is still written through to the real stream. Thread-safe.
 */
public final class LoggedErrors implements AutoCloseable {

    private final PrintStream original;
    private final List<String> errors = new ArrayList<>();
    private final StringBuilder line = new StringBuilder();

    private LoggedErrors() {
        this.original = System.err;
    }

    /** Starts collecting; {@link #close()} puts the real stream back. */
    public static LoggedErrors capture() {
        var logged = new LoggedErrors();
        System.setErr(new PrintStream(logged.tee(), true, StandardCharsets.UTF_8));
        return logged;
    }

    /** The ERROR lines logged since the last call, then forgets them. */
    public synchronized List<String> take() {
        var taken = List.copyOf(errors);
        errors.clear();
        return taken;
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private OutputStream tee() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                collect(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        };
    }

    private synchronized void collect(String text) {
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                if (line.indexOf(" ERROR ") >= 0) {
                    errors.add(line.toString());
                }
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }
}
