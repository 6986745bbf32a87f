package io.knotwise.cli;

import io.knotwise.Settings;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Every command of {@code java -jar knotwise.jar COMMAND [ARGS...]}, by name: the one list of them. */
public final class Commands {

    private static final Map<String, BiConsumer<Settings, List<String>>> BY_NAME = Map.ofEntries(
            Map.entry("serve", (settings, args) -> ServeCli.serve(settings)),
            Map.entry("chat", (settings, args) -> ServeCli.chat(settings)),
            Map.entry("validate", (settings, args) -> ServeCli.validate(settings)),
            Map.entry("warm-up", (settings, args) -> ServeCli.warmUp(settings)),
            Map.entry("telegram-webhook", (settings, args) -> ServeCli.registerTelegramWebhook(args)),
            Map.entry("train", (settings, args) -> IntentCli.train(settings)),
            Map.entry("calibrate", (settings, args) -> IntentCli.calibrate(settings)),
            Map.entry("evaluate", (settings, args) -> IntentCli.evaluate(settings)),
            Map.entry("intent-measure", IntentCli::measure),
            Map.entry("intent-compare", (settings, args) -> IntentCli.compare(settings)),
            Map.entry("intent-merge", IntentCli::merge),
            Map.entry("safety-report", (settings, args) -> SafetyCli.report(settings)),
            Map.entry("safety-measure", SafetyCli::measure),
            Map.entry("safety-train", (settings, args) -> SafetyCli.train(settings)),
            Map.entry("safety-calibrate", (settings, args) -> SafetyCli.calibrate(settings)),
            Map.entry("safety-explain", SafetyCli::explain),
            Map.entry("safety-keep", SafetyCli::keep));

    public static final String USAGE = "usage: java -jar knotwise.jar [" + String.join("|",
            List.of("serve", "chat", "validate", "warm-up", "telegram-webhook URL", "train", "calibrate", "evaluate",
                    "intent-measure [--misses] FILE...", "intent-compare", "intent-merge FILE...", "safety-report",
                    "safety-measure [--misses] [--rules] FILE...", "safety-train", "safety-calibrate",
                    "safety-explain TEXT...", "safety-keep NAME FILE"))
            + "]";

    private Commands() {
    }

    /** Runs a command with its arguments; false when there is no such command. */
    public static boolean run(String name, Settings settings, List<String> args) {
        var command = BY_NAME.get(name);
        if (command == null) {
            return false;
        }
        command.accept(settings, args);
        return true;
    }
}
