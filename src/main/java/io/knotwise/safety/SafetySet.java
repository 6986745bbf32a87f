package io.knotwise.safety;

import io.knotwise.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled messages for the red-flag screen, from tab-separated files with the columns {@code label tier style
 * text}: a positive names the category it must raise and the tier it must reach; {@code none} must raise nothing.
 * The training, validation, frozen-test and unseen sets of {@code models/safety/} all have this shape. Immutable.
 */
public record SafetySet(List<Line> lines) {

    /** The label of a message that must raise no flag at all. */
    public static final String NONE = "none";

    public SafetySet {
        lines = List.copyOf(lines);
    }

    /** One labelled message; {@code source} says where it came from ({@code file:line}). */
    public record Line(String label, String tier, String style, String text, String source) {

        public boolean positive() {
            return !label.equals(NONE);
        }
    }

    /** Reads every file given, in order; throws with {@code file:line: problem} for each malformed line. */
    public static SafetySet load(List<Path> files) {
        var lines = new ArrayList<Line>();
        var problems = new ArrayList<String>();
        for (Path file : files) {
            List<String> rows;
            try {
                rows = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InvalidDataException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            for (int i = 1; i < rows.size(); i++) {
                String row = rows.get(i);
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split("\t", -1);
                if (cells.length != 4 || cells[3].isBlank()) {
                    problems.add(file + ":" + (i + 1) + ": expected 4 tab-separated cells: label, tier, style, text");
                    continue;
                }
                lines.add(new Line(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(),
                        file.getFileName() + ":" + (i + 1)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDataException(problems);
        }
        return new SafetySet(lines);
    }

    /** Every {@code .tsv} file of a folder, in name order. */
    public static SafetySet loadFolder(Path folder) {
        try (var files = Files.list(folder)) {
            return load(files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList());
        } catch (IOException e) {
            throw new InvalidDataException(folder + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** A tab-separated table with a header row, as one map per row (column name to cell), in order. */
    public static List<Map<String, String>> table(Path file) {
        List<String> rows;
        try {
            rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String[] header = rows.get(0).split("\t", -1);
        var table = new ArrayList<Map<String, String>>();
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            String[] cells = row.split("\t", -1);
            var map = new LinkedHashMap<String, String>();
            for (int i = 0; i < header.length; i++) {
                map.put(header[i], i < cells.length ? cells[i] : "");
            }
            table.add(Map.copyOf(map));
        }
        return List.copyOf(table);
    }

    /** The set as a corpus to evaluate: positives under their category, every {@code none} as a benign message. */
    public SafetyCorpus corpus() {
        var positives = new LinkedHashMap<String, List<SafetyCorpus.Case>>();
        var benign = new ArrayList<String>();
        for (Line line : lines) {
            if (line.positive()) {
                positives.computeIfAbsent(line.label(), k -> new ArrayList<>())
                        .add(new SafetyCorpus.Case(line.text(), line.tier(), null, line.style()));
            } else {
                benign.add(line.text());
            }
        }
        Map<String, SafetyCorpus.Cases> categories = new LinkedHashMap<>();
        positives.forEach((id, cases) -> categories.put(id, new SafetyCorpus.Cases(cases, List.of())));
        return new SafetyCorpus(categories, List.of(), benign);
    }
}
