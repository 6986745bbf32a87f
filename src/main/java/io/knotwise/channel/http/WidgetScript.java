package io.knotwise.channel.http;

import io.knotwise.FileAccessException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The embeddable widget as served at {@code /widget.js}: one script put together from its parts in
 * {@code src/main/resources/web/widget/}, with no build step. Stateless; {@link #assemble()} reads the class path.
 */
final class WidgetScript {

    /** Where the parts are on the class path. */
    static final String FOLDER = "/web/widget/";

    /** The comment host pages read (embedding, theming), put before the function that holds the parts. */
    static final String HEADER = "header.js";

    /**
     * The parts in the order they run, each once; the one place the order is declared. The pure state first, then
     * what reads the page and the browser, the views, the element, and last the mount that defines and places it.
     */
    static final List<String> PARTS = List.of("state.js", "page.js", "storage.js", "styles.js", "markup.js", "api.js",
            "speech.js", "timer.js", "banner.js", "step-card.js", "element.js", "mount.js");

    /** What opens the one function around the parts, so they share one scope and run as one strict script. */
    static final String OPENING = "(function () {\n    'use strict';\n";

    static final String CLOSING = "})();\n";

    private WidgetScript() {
    }

    /**
     * The header, then every part in order inside one function, each after a blank line. The parts run synchronously
     * in the one script, so {@code document.currentScript} is still the widget's tag while they run.
     *
     * @throws FileAccessException when a part is missing from this build
     */
    static String assemble() {
        var script = new StringBuilder(read(HEADER)).append(OPENING);
        for (String part : PARTS) {
            script.append('\n').append(read(part));
        }
        return script.append(CLOSING).toString();
    }

    private static String read(String part) {
        try (InputStream in = WidgetScript.class.getResourceAsStream(FOLDER + part)) {
            if (in == null) {
                throw new FileAccessException("widget part " + FOLDER + part + " is missing from this build", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FileAccessException("widget part " + FOLDER + part + " could not be read", e);
        }
    }
}
