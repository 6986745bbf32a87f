package io.knotwise.channel.http;

import io.javalin.http.Context;

/**
 * Headers on every response: no MIME sniffing, no referrer, no framing, and a Content-Security-Policy. The demo page
 * may load only its own script and style sheet and talk only to its own origin: no inline script or style (the widget
 * styles its Shadow DOM with a constructed style sheet). Everything else (JSON, the script itself) may load nothing.
 */
final class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void add(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", ctx.path().equals("/") ? PAGE_POLICY : API_POLICY);
    }
}
