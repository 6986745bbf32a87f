package io.knotwise;

import java.nio.file.Path;
import java.util.Map;

/** The real guide (the repository's dialogs and committed model), loaded once for the tests that need it. */
public final class RealGuide {

    private static Main.Wiring wiring;

    private RealGuide() {
    }

    public static Settings settings() {
        return Settings.from(Map.of("KNOTWISE_DIALOGS", Path.of("dialogs").toString(),
                "KNOTWISE_MODELS", Path.of("models").toString(), "KNOTWISE_CONVERSATIONS", "memory"));
    }

    /** Loaded on first use; the engine inside is thread-safe and each test starts its own conversations. */
    public static synchronized Main.Wiring wiring() {
        if (wiring == null) {
            wiring = Main.load(settings());
        }
        return wiring;
    }
}
