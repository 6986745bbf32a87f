package io.knotwise.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.knotwise.KnotwiseException;
import io.knotwise.engine.Engine;
import io.knotwise.nlu.Example;
import io.knotwise.nlu.NluDataLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the dialog loader: a copy of the real {@code dialogs/} with one file broken in a fuzzed way either loads
 * (and then the validator reports on it without failing) or is refused with the project's own exception (an
 * {@code InvalidDataException}) whose message names the broken file; never an unchecked NullPointerException,
 * ClassCastException or the like.
 */
class ContentLoaderFuzzTest {

    private static final Path DIALOGS = Path.of("dialogs");
    /** Values a YAML key may be broken to: nothing, the wrong kind of node, the wrong kind of scalar. */
    private static final List<String> VALUES = List.of("", "~", "null", "[]", "{}", "[[]]", "- x", "0", "-1",
            "99999999999999999999", "true", "\"\"", "x", "{a: b}", "[a, b]", "&a x", "*a", "!!binary x", "'", "\"");

    private static Path copy;
    private static Map<String, byte[]> originals;
    private static List<String> files;
    private static DialogValidator validator;

    @BeforeAll
    static void copyDialogs() throws IOException {
        copy = Files.createTempDirectory("knotwise-dialogs-fuzz");
        var read = new LinkedHashMap<String, byte[]>();
        try (Stream<Path> all = Files.walk(DIALOGS)) {
            for (Path source : all.sorted().toList()) {
                Path target = copy.resolve(DIALOGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                    String name = DIALOGS.relativize(source).toString().replace('\\', '/');
                    if (name.endsWith(".yml")) {
                        read.put(name, Files.readAllBytes(source));
                    }
                }
            }
        }
        originals = read;
        files = List.copyOf(read.keySet());
        var nlu = new NluDataLoader(Path.of("models"));
        validator = new DialogValidator(nlu.examples().stream().map(Example::intent).distinct().toList(),
                Engine.RESPONSES, Engine.SLOTS, nlu.lexicon());
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void aBrokenFileLoadsOrIsRefusedByName(FuzzedDataProvider data) throws IOException {
        String file = data.pickValue(files);
        Path path = copy.resolve(file);
        Files.write(path, broken(originals.get(file), data));
        try {
            Guidebook book = ContentLoader.load(copy);
            assertThat(validator.validate(book)).isNotNull();
        } catch (KnotwiseException refused) {
            assertThat(refused.getMessage()).as("the problem names the broken file").contains(file);
        } finally {
            Files.write(path, originals.get(file));
        }
    }

    /** The file's text with fuzzed edits: whole bytes, or edits of lines, keys' values and spans of the real text. */
    private static byte[] broken(byte[] original, FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        if (mode == 0) {
            return data.consumeRemainingAsBytes();
        }
        String text = new String(original, StandardCharsets.UTF_8);
        if (mode == 1) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            for (int edits = data.consumeInt(1, 4); edits > 0 && !lines.isEmpty(); edits--) {
                edit(lines, data.consumeInt(0, lines.size() - 1), data);
            }
            return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
        int from = data.consumeInt(0, text.length());
        int to = data.consumeInt(from, Math.min(text.length(), from + 200));
        return (text.substring(0, from) + data.consumeRemainingAsString() + text.substring(to))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void edit(List<String> lines, int at, FuzzedDataProvider data) {
        String line = lines.get(at);
        switch (data.consumeInt(0, 4)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(at, line);
            case 2 -> {
                int colon = line.indexOf(':');
                String value = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(40);
                lines.set(at, colon < 0 ? value : line.substring(0, colon + 1) + " " + value);
            }
            case 3 -> lines.set(at, data.consumeBoolean() ? "  " + line : line.strip());
            default -> lines.add(at, data.consumeString(80));
        }
    }
}
