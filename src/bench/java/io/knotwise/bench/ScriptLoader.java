package io.knotwise.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the scripted sessions of {@code bench/conversations.tsv}, the same file the wrk load script reads. */
final class ScriptLoader {

    static final Path DEFAULT = Path.of("bench", "conversations.tsv");

    private ScriptLoader() {
    }

    /** The scripts in file order; throws naming the file and line for anything it cannot read. */
    static List<Script> load(Path file) {
        List<String> text;
        try {
            text = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run from the repository root)", e);
        }
        var scripts = new ArrayList<Script>();
        String name = null;
        int weight = 0;
        var lines = new ArrayList<Script.Line>();
        for (int n = 0; n < text.size(); n++) {
            String row = text.get(n);
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            if (row.startsWith("==")) {
                if (name != null) {
                    scripts.add(new Script(name, weight, lines));
                }
                String[] header = row.substring(2).strip().split("\\s+");
                name = header[0];
                weight = header.length > 1 ? Integer.parseInt(header[1]) : 1;
                lines.clear();
                continue;
            }
            String[] cells = row.split("\t", 2);
            if (name == null || (cells.length < 2) != cells[0].equals(Script.START)) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected 'kind<TAB>message' under a"
                        + " '== name weight' header, or 'start'");
            }
            lines.add(new Script.Line(cells[0], cells.length < 2 ? null : cells[1]));
        }
        if (name != null) {
            scripts.add(new Script(name, weight, lines));
        }
        return List.copyOf(scripts);
    }
}
