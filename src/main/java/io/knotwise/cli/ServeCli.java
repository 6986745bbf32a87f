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
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Running the guide: {@code serve} (the default), {@code chat} in a terminal, {@code telegram-webhook}, {@code
 * validate}, {@code warm-up}.
 */
final class ServeCli {

    /** The id in the answer to {@code POST /api/v1/conversations} (ids are URL-safe base64). */
    private static final Pattern CONVERSATION_ID = Pattern.compile("\"conversation_id\":\"([A-Za-z0-9_-]+)\"");

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, guide)));
        // A failure propagates to Main, whose exit runs the hook above.
        guide.warmUp(settings.server().warmUpReads());
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

    /**
     * Serves the guide on a free loopback port, holds one short conversation and one parse over HTTP, and stops. The
     * build runs it under {@code -XX:ArchiveClassesAtExit} to write the class-data archive that the README's run
     * command starts from: the classes a first turn needs, already parsed and verified.
     */
    static void warmUp(Settings settings) {
        Guide guide = Guide.load(settings);
        Javalin app = guide.app(settings, channels(guide, settings, Map.of())).start("127.0.0.1", 0);
        try {
            String api = "http://127.0.0.1:" + app.port() + "/api/v1";
            var http = HttpClient.newHttpClient();
            var started = CONVERSATION_ID.matcher(post(http, api + "/conversations", "{}"));
            if (!started.find()) {
                throw new IOException("no conversation_id in the answer to POST /conversations");
            }
            String id = started.group(1);
            post(http, api + "/conversations/" + id + "/messages", "{\"text\":\"my upper back is stiff\"}");
            post(http, api + "/parse", "{\"text\":\"how do I release knots between my shoulder blades\"}");
            System.out.println("warmed up on port " + app.port());
        } catch (IOException e) {
            throw new UncheckedIOException("warm-up request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("warm-up interrupted", e);
        } finally {
            stop(app, guide);
        }
    }

    /**
     * Stops serving, then closes the store (its log checkpointed), even when a request outlives the shutdown grace and
     * stopping the server fails.
     */
    private static void stop(Javalin app, Guide guide) {
        try {
            app.stop();
        } finally {
            guide.store().close();
        }
    }

    private static String post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
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
