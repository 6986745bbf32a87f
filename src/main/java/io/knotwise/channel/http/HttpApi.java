package io.knotwise.channel.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.Settings;
import io.knotwise.content.Guidebook;
import io.knotwise.engine.Engine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The HTTP server of the guide on Javalin, put together from its parts: {@link ServerTuning} (threads, slow and
 * greedy clients, stopping), {@link Guards} (what every request passes first), the routes ({@link OpsRoutes},
 * {@link ApiRoutes} for the API contract, and each messaging channel's webhooks), and {@link ErrorMapping} (every
 * failure's answer, once).
 */
public final class HttpApi {

    private final Engine engine;
    private final Guidebook book;
    private final Settings settings;
    private final PrometheusMeterRegistry registry;
    private final List<Consumer<RoutesConfig>> channels;

    /**
     * @param registry the metrics, served at {@code /metrics} in Prometheus's text format
     * @param channels the messaging channels that are switched on, each adding its webhook routes
     */
    public HttpApi(Engine engine, Guidebook book, Settings settings, PrometheusMeterRegistry registry,
                   List<Consumer<RoutesConfig>> channels) {
        this.engine = engine;
        this.book = book;
        this.settings = settings;
        this.registry = registry;
        this.channels = List.copyOf(channels);
    }

    /** The Javalin app, not yet started; stopping it lets requests in flight finish first. */
    public Javalin create() {
        var requestLog = new RequestLog(registry);
        Settings.Limits limits = settings.limits();
        var clientAddresses = new ClientAddresses(limits.clientAddressHeader(), limits.trustedProxies());
        var perAddress = new RateLimits("address", limits.perAddressPerMinute());
        var perConversation = new RateLimits("conversation", limits.perConversationPerMinute());
        List<String> corsOrigins = settings.server().corsOrigins();
        return Javalin.create(config -> {
            Executor requestThreads = ServerTuning.apply(config, settings);
            config.requestLogger.http(requestLog::end);
            if (!corsOrigins.isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (corsOrigins.contains("*")) {
                        rule.anyHost();
                    } else {
                        rule.allowHost(corsOrigins.get(0), corsOrigins.subList(1, corsOrigins.size())
                                .toArray(String[]::new));
                    }
                }));
            }
            new Guards(requestLog, corsOrigins, clientAddresses, perAddress).register(config.routes);
            channels.forEach(channel -> channel.accept(config.routes));
            new OpsRoutes(engine, registry, settings.server().metricsToken()).register(config.routes);
            new ApiRoutes(engine, book, settings.conversations().defaultLocale(),
                    settings.conversations().maxTextLength(), clientAddresses,
                    perAddress, perConversation, requestThreads).register(config.routes);
            ErrorMapping.register(config.routes);
        });
    }
}
