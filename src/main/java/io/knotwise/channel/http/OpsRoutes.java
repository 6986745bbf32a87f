package io.knotwise.channel.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.knotwise.UnverifiedRequestException;
import io.knotwise.engine.Engine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The demo page and widget, and what operators read: {@code /health}, {@code /ready} and {@code /metrics}. */
final class OpsRoutes {

    private final Engine engine;
    private final PrometheusMeterRegistry registry;
    private final String metricsToken;

    /** @param metricsToken the bearer token a scraper must send, or null to serve metrics to this machine only */
    OpsRoutes(Engine engine, PrometheusMeterRegistry registry, String metricsToken) {
        this.engine = engine;
        this.registry = registry;
        this.metricsToken = metricsToken;
    }

    void register(RoutesConfig routes) {
        // Put together once, as the routes are made: a part missing from the build stops the start, not a request.
        byte[] widget = WidgetScript.assemble().getBytes(StandardCharsets.UTF_8);
        routes.get("/", ctx -> WebAssets.serve(ctx, "index.html"));
        routes.get("/widget.js", ctx -> WebAssets.serve(ctx, "widget.js", widget));
        routes.get("/demo.css", ctx -> WebAssets.serve(ctx, "demo.css"));
        // Browsers ask for /favicon.ico whatever the page says; both get the one icon, drawn as SVG.
        routes.get("/favicon.svg", ctx -> WebAssets.serve(ctx, "favicon.svg"));
        routes.get("/favicon.ico", ctx -> WebAssets.serve(ctx, "favicon.svg"));
        routes.get("/health", ctx -> Json.respond(ctx, 200, Map.of("status", "ok")));
        routes.get("/ready", ctx -> {
            boolean ready = engine.ready();
            String status = ready ? "ready" : !engine.models().ready() ? "loading"
                    : engine.warmingUp() ? "warming_up" : "store_unavailable";
            Json.respond(ctx, ready ? 200 : 503, Map.of("status", status));
        });
        routes.get("/metrics", ctx -> {
            // Red-flag counts and traffic are for operators: with a token set, only a scraper holding it; without,
            // only this machine.
            if (!mayScrape(ctx)) {
                throw new UnverifiedRequestException(metricsToken == null
                        ? "metrics are served to this machine only; set KNOTWISE_METRICS_TOKEN to scrape from elsewhere"
                        : "metrics need the bearer token set in KNOTWISE_METRICS_TOKEN");
            }
            ctx.contentType("text/plain; version=0.0.4").result(registry.scrape());
        });
    }

    /**
     * Whether a request may read {@code /metrics}: it carries the token, or, when none is set, comes from this machine.
     */
    private boolean mayScrape(Context ctx) {
        if (metricsToken == null) {
            try {
                return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String given = String.valueOf(ctx.header("Authorization"));
        return MessageDigest.isEqual(("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
