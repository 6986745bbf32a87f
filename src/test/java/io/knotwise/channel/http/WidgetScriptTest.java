package io.knotwise.channel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.javalin.testtools.JavalinTest;
import io.knotwise.RealGuide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

/**
 * The widget served at {@code /widget.js} is its parts in {@code src/main/resources/web/widget/} put together: the
 * header, then each part once, in the order {@link WidgetScript#PARTS} declares, inside one strict function.
 */
class WidgetScriptTest {

    private static final Path FOLDER = Path.of("src/main/resources/web/widget");

    @Test
    void theServedWidgetIsTheHeaderThenEveryPartOnceInOrderInsideOneStrictFunction() {
        JavalinTest.test(RealGuide.app(), (server, client) -> {
            var served = new ApiClient(client.getOrigin()).get("/widget.js");

            assertThat(served.status()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
            var expected = new StringBuilder(read("header.js")).append("(function () {\n    'use strict';\n");
            for (String part : WidgetScript.PARTS) {
                expected.append('\n').append(read(part));
            }
            assertThat(served.text()).isEqualTo(expected.append("})();\n").toString());
            for (String part : WidgetScript.PARTS) {
                assertThat(occurrences(served.text(), read(part))).as(part).isEqualTo(1);
            }
        });
    }

    @Test
    void everyFileInTheWidgetFolderIsAListedPartAndEachPartIsListedOnce() throws IOException {
        List<String> files;
        try (Stream<Path> listed = Files.list(FOLDER)) {
            files = listed.map(f -> f.getFileName().toString()).filter(f -> !f.equals(WidgetScript.HEADER)).toList();
        }

        assertThat(WidgetScript.PARTS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void eachPartOpensWithACommentSayingWhatItIs() {
        for (String part : WidgetScript.PARTS) {
            assertThat(read(part)).as(part).startsWith("// " + part + ": ");
        }
    }

    @Test
    void noNameIsDeclaredInTwoParts() {
        // The parts share one scope: a second `function beep` would silently replace the first. (A second const, let
        // or class is a syntax error, which the parse below catches as well.)
        Pattern declaration = Pattern.compile("^(?:async\\s+)?(?:function\\*?|const|let|var|class)\\s+([\\w$]+)",
                Pattern.MULTILINE);
        Map<String, String> declaredIn = new HashMap<>();
        var twice = new ArrayList<String>();
        for (String part : WidgetScript.PARTS) {
            Matcher found = declaration.matcher(read(part));
            while (found.find()) {
                String before = declaredIn.putIfAbsent(found.group(1), part);
                if (before != null) {
                    twice.add(found.group(1) + " in " + before + " and " + part);
                }
            }
        }

        assertThat(declaredIn).containsKeys("TEXT", "turnChanges", "StepCard", "KnotwiseChat");
        assertThat(twice).isEmpty();
    }

    @Test
    void theAssembledWidgetIsOneScriptThatParses() {
        String script = WidgetScript.assemble();

        try (Context js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            assertThatCode(() -> js.parse(Source.newBuilder("js", script, "widget.js").buildLiteral()))
                    .doesNotThrowAnyException();
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static String read(String part) {
        try {
            return Files.readString(FOLDER.resolve(part));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
