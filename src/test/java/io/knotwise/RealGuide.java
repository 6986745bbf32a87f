package io.knotwise;

import io.javalin.Javalin;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.engine.Engine;
import io.knotwise.store.MemoryConversationStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real guide (the repository's dialogs and committed model), loaded once for the tests that need it. */
public final class RealGuide {

    /** What a test server built from its own variables adds so that it stops without waiting. */
    public static final Map<String, String> STOP_AT_ONCE = Map.of("KNOTWISE_SHUTDOWN_GRACE_SECONDS", "0");

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
        return guide().engine().withStore(new MemoryConversationStore(Duration.ofMinutes(30), 10_000));
    }

    /** Channel users mapped to conversations of the real guide, in a store of their own. */
    public static ChannelConversations channelsWithOwnStore() {
        return channelsWithOwnStore(ChannelConversations.Limits.NONE);
    }

    /** As {@link #channelsWithOwnStore()}, with these limits on each user's messages. */
    public static ChannelConversations channelsWithOwnStore(
            ChannelConversations.Limits limits) {
        var store = new MemoryConversationStore(Duration.ofMinutes(30), 10_000);
        // A second of a hold lasts 20 ms, so a chat channel's "time's up" comes within a test.
        return new ChannelConversations(guide().engine().withStore(store), store, "en-GB",
                channel -> { }, new ChatTimers(Duration.ofMillis(20)), limits);
    }

    /** Loaded on first use; the engine inside is thread-safe and each test starts its own conversations. */
    public static synchronized Guide guide() {
        if (guide == null) {
            guide = Guide.load(settings());
        }
        return guide;
    }
}
