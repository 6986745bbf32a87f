package io.knotwise.cli;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.ConfigurationException;
import io.knotwise.Guide;
import io.knotwise.Settings;
import io.knotwise.channel.rasa.RasaRestChannel;
import io.knotwise.channel.slack.SlackChannel;
import io.knotwise.channel.slack.SlackClient;
import io.knotwise.channel.slack.SlackSettings;
import io.knotwise.channel.telegram.TelegramChannel;
import io.knotwise.channel.telegram.TelegramClient;
import io.knotwise.channel.telegram.TelegramSettings;
import io.knotwise.channel.terminal.TerminalChat;
import io.knotwise.channel.whatsapp.WhatsAppChannel;
import io.knotwise.channel.whatsapp.WhatsAppSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Running the guide: {@code serve} (the default), {@code chat} in a terminal, {@code telegram-webhook}, {@code
 * validate}.
 */
final class ServeCli {

    private ServeCli() {
    }

    /**
     * Listens as soon as the content is valid and the store open, greeting while the models load (a message waits
     * for them, and {@code /ready} says so); a model that fails to load stops the server with its reason.
     */
    static void serve(Settings settings) {
        Guide guide = Guide.loading(settings);
        Javalin app = guide.app(settings, channels(guide, settings, System.getenv())).start(settings.server().host(),
                settings.server().port());
        System.out.printf("Knotwise is listening on http://%s:%d%n",
                settings.server().host().equals("0.0.0.0") ? "localhost" : settings.server().host(), app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            guide.store().close();
        }));
        // A failure propagates to Main, whose exit runs the hook above.
        guide.engine().models().await();
    }

    static void chat(Settings settings) {
        new TerminalChat(Guide.load(settings).channelConversations(settings),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out).run();
    }

    static void registerTelegramWebhook(List<String> args) {
        var telegram = TelegramSettings.from(System.getenv()).orElseThrow(() -> new ConfigurationException(
                "set KNOTWISE_TELEGRAM_BOT_TOKEN and KNOTWISE_TELEGRAM_SECRET_TOKEN first"));
        if (args.isEmpty()) {
            throw new ConfigurationException(
                    "usage: java -jar knotwise.jar telegram-webhook https://host/webhooks/telegram");
        }
        new TelegramChannel(telegram, null, new TelegramClient(telegram), null).registerWebhook(args.get(0));
        System.out.println("webhook registered with Telegram for " + args.get(0));
    }

    static void validate(Settings settings) {
        Guide.load(settings);
        System.out.println("dialogs and models are valid");
    }

    /** The messaging channels switched on by the environment; each is off unless configured. */
    private static List<Consumer<RoutesConfig>> channels(Guide guide, Settings settings, Map<String, String> env) {
        var conversations = guide.channelConversations(settings);
        var on = new LinkedHashMap<String, Consumer<RoutesConfig>>();
        if (Boolean.parseBoolean(env.getOrDefault("KNOTWISE_REST_CHANNEL", "false"))) {
            on.put("Rasa REST", new RasaRestChannel(conversations)::routes);
        }
        TelegramSettings.from(env).ifPresent(telegram -> on.put("Telegram", new TelegramChannel(telegram,
                conversations, new TelegramClient(telegram), Executors.newFixedThreadPool(2))::routes));
        WhatsAppSettings.from(env).ifPresent(whatsApp -> on.put("WhatsApp", new WhatsAppChannel(whatsApp,
                conversations, Executors.newFixedThreadPool(2))::routes));
        // One worker keeps each Slack user's messages in order.
        SlackSettings.from(env).ifPresent(slack -> on.put("Slack", new SlackChannel(slack, conversations,
                new SlackClient(slack), Executors.newSingleThreadExecutor(), Clock.systemUTC())::routes));
        LoggerFactory.getLogger(ServeCli.class).info("messaging channels on: {}",
                on.isEmpty() ? "none (the web API and widget only)" : String.join(", ", on.keySet()));
        return List.copyOf(on.values());
    }
}
