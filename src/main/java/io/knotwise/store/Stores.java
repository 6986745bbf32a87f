package io.knotwise.store;

import io.knotwise.ConfigurationException;
import io.knotwise.Settings;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the conversation store that {@code KNOTWISE_STORE} names: the one place a store is chosen. */
public final class Stores {

    private Stores() {
    }

    /** The store the settings name; throws when it cannot be opened. */
    public static Store open(Settings.Conversations settings) {
        String store = settings.store();
        if (store.equals("memory")) {
            return new MemoryConversationStore(settings.idle(), settings.max());
        }
        if (store.startsWith("sqlite:")) {
            return new SqliteConversationStore(Path.of(store.substring("sqlite:".length())), settings.idle(),
                    settings.max(), Clock.systemUTC());
        }
        if (store.startsWith("redis://") || store.startsWith("rediss://")) {
            return new RedisConversationStore(store, settings.idle(), settings.storeTimeout());
        }
        throw new ConfigurationException("KNOTWISE_STORE must be memory, sqlite:FILE or redis://HOST:PORT, was '"
                + store + "'");
    }
}
