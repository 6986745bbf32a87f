package io.knotwise;

import io.javalin.Javalin;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.engine.Engine;
import io.knotwise.monitoring.MeteredConversationStore;
import io.knotwise.monitoring.MeteredEvents;
import io.knotwise.store.MemoryConversationStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real guide (the repository's dialogs and committed model), loaded once for the tests that need it. */
public final class RealGuide {

    /** What a test server built from its own variables adds so that it stops without waiting. */
    public static final Map<String, String> STOP_AT_ONCE = Map.of("KNOTWISE_SHUTDOWN_GRACE_SECONDS", "0");

    /** The dialogs and models, loaded once per test JVM; never handed out with its own store. */
    private static Guide guide;

    private RealGuide() {
    }

    /** The repository's dialogs and models, conversations in memory, and no rate limits (tests send fast). */
    public static Settings settings() {
        return settings(Map.of());
    }

    /**
     * {@link #settings()} with some variables set otherwise. A test's server stops at once, without waiting for
     * requests in flight (the graceful stop has tests of its own, which set KNOTWISE_SHUTDOWN_GRACE_SECONDS).
     */
    public static Settings settings(Map<String, String> overrides) {
        var env = new HashMap<>(Map.of("KNOTWISE_DIALOGS", Path.of("dialogs").toString(),
                "KNOTWISE_MODELS", Path.of("models").toString(), "KNOTWISE_STORE", "memory",
                "KNOTWISE_RATE_LIMIT_PER_MINUTE", "0", "KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE", "0"));
        env.putAll(STOP_AT_ONCE);
        env.putAll(overrides);
        return Settings.from(env);
    }

    /** The real guide's HTTP app on {@link #settings()}, not yet started. */
    public static Javalin app() {
        return guide().app(settings());
    }

    /** The real guide's engine over a store of its own, for tests whose conversations must not meet others'. */
    public static Engine engineWithOwnStore() {
        return guide().engine();
    }

    /** Channel users mapped to conversations of the real guide, in a store of their own. */
    public static ChannelConversations channelsWithOwnStore() {
        return channelsWithOwnStore(ChannelConversations.Limits.NONE);
    }

    /** As {@link #channelsWithOwnStore()}, with these limits on each user's messages. */
    public static ChannelConversations channelsWithOwnStore(ChannelConversations.Limits limits) {
        var store = new MemoryConversationStore(Duration.ofMinutes(30), 10_000);
        // A second of a hold lasts 20 ms, so a chat channel's "time's up" comes within a test.
        return new ChannelConversations(loaded().engine().withStore(store), store, "en-GB",
                channel -> { }, new ChatTimers(Duration.ofMillis(20)), limits);
    }

    /**
     * The real guide with a store and a metrics registry of its own: the dialogs and models are loaded once (the
     * engine that reads with them is immutable), the state is never shared, so no test sees another's conversations
     * or counts.
     */
    public static Guide guide() {
        Guide loaded = loaded();
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var store = new MeteredConversationStore(new MemoryConversationStore(Duration.ofMinutes(30), 10_000), metrics);
        return new Guide(loaded.book(), loaded.engine().with(store, new MeteredEvents(metrics)), store, metrics,
                loaded.exampleTexts());
    }

    private static synchronized Guide loaded() {
        if (guide == null) {
            guide = Guide.load(settings());
        }
        return guide;
    }
}
