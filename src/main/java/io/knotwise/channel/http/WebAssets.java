package io.knotwise.channel.http;

import io.javalin.http.Context;
import io.knotwise.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the demo page and its files as committed in {@code src/main/resources/web/}, and the embeddable widget as
 * {@link WidgetScript} puts it together from its parts.
 */
final class WebAssets {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "demo.css", "text/css; charset=utf-8",
            "widget.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private WebAssets() {
    }

    static void serve(Context ctx, String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new NotFoundException("no " + name + " in this build");
            }
            serve(ctx, name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code body} as the file {@code name} would be served. */
    static void serve(Context ctx, String name, byte[] body) {
        ctx.contentType(TYPES.get(name)).header("Cache-Control", "no-cache").result(body);
    }
}
