package io.knotwise.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.knotwise.RealGuide;
import io.knotwise.Settings;
import io.knotwise.channel.rasa.RasaRestChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real third-party client of the Rasa-compatible REST channel: the {@code @scalableminds/chatroom} web widget (npm,
 * installed into {@code target/e2e/chatroom} by {@code .ci/run}) on a page of another origin, in real Chromium,
 * against the guide on loopback. Skips where Chromium or the widget is missing, except in CI, where a missing widget
 * is a failure.
 */
class ChatroomBrowserTest {

    private static final Path CHATROOM = Path.of("target/e2e/chatroom/node_modules/@scalableminds/chatroom/dist");

    private static Javalin page;
    private static Javalin guide;
    private static ChromeDriver browser;
    private static String guideOrigin;

    @BeforeAll
    static void start() throws IOException {
        if (!Chromium.installed()) {
            return;
        }
        if (!Files.isRegularFile(CHATROOM.resolve("Chatroom.js"))) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("the Chatroom widget is not in " + CHATROOM + ": .ci/run installs it");
            }
            return;
        }
        page = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/Chatroom.js", ctx -> ctx.contentType("text/javascript")
                    .result(Files.readAllBytes(CHATROOM.resolve("Chatroom.js"))));
            c.routes.get("/Chatroom.css", ctx -> ctx.contentType("text/css")
                    .result(Files.readAllBytes(CHATROOM.resolve("Chatroom.css"))));
            // The widget reveals the bot's messages one per 800 ms tick of a setInterval; the page runs those ticks
            // twenty times faster, as a test clock would, so the walk takes seconds rather than half a minute.
            c.routes.get("/", ctx -> ctx.html("<!doctype html><html><head><meta charset=\"utf-8\">"
                    + "<link rel=\"stylesheet\" href=\"/Chatroom.css\"><title>A clinic's page</title></head><body>"
                    + "<div class=\"chat-container\"></div><script>const tick = window.setInterval;"
                    + " window.setInterval = (f, ms, ...rest) => tick(f, ms >= 500 ? ms / 20 : ms, ...rest);</script>"
                    + "<script src=\"/Chatroom.js\"></script><script>"
                    + "window.chatroom = new window.Chatroom({title: 'Knotwise', container:"
                    + " document.querySelector('.chat-container'), welcomeMessage: 'Ask about your upper back.',"
                    + " host: '" + guideOrigin + "'}); window.chatroom.openChat();</script></body></html>"));
        }).start("127.0.0.1", 0);
        String pageOrigin = "http://localhost:" + page.port();
        Settings settings = RealGuide.settings(Map.of("KNOTWISE_CORS_ORIGINS", pageOrigin));
        var channel = new RasaRestChannel(RealGuide.channelsWithOwnStore());
        guide = RealGuide.guide().app(settings, List.<Consumer<RoutesConfig>>of(channel::routes))
                .start("127.0.0.1", 0);
        guideOrigin = "http://127.0.0.1:" + guide.port();
        browser = Chromium.start();
        browser.get(pageOrigin + "/");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (guide != null) {
            guide.stop();
        }
        if (page != null) {
            page.stop();
        }
    }

    private static WebDriverWait waitUp() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static void type(String text) {
        WebElement input = waitUp().until(d -> d.findElement(By.cssSelector(".chatroom form.input input")));
        input.sendKeys(text, Keys.ENTER);
    }

    /** Waits until a message from the guide contains the text. */
    private static void botSays(String text) {
        waitUp().until(d -> d.findElements(By.cssSelector(".chats li.chat.left")).stream()
                .anyMatch(m -> m.getText().contains(text)));
    }

    /** Clicks the newest clickable button whose label contains the text. */
    private static void press(String label) {
        waitUp().until(d -> {
            List<WebElement> buttons = d.findElements(By
                    .cssSelector(".chat-buttons .chat-button:not(.chat-button-disabled)"))
                    .stream().filter(b -> b.getText().contains(label)).toList();
            if (buttons.isEmpty()) {
                return false;
            }
            buttons.get(buttons.size() - 1).click();
            return true;
        });
    }

    @Test
    void theRasaWidgetWalksATechniqueByItsButtonsAndGetsEmergencyAdvice() {
        Assumptions.assumeTrue(browser != null, "Chromium or the Chatroom widget is missing: browser test skipped"
                + " (.ci/run installs both)");

        type("how do I release knots between my shoulder blades");
        botSays("How long");
        for (String answer : List.of("about two weeks", "6 out of 10", "I have a tennis ball", "10 minutes")) {
            int before = browser.findElements(By.cssSelector(".chats li.chat.left")).size();
            type(answer);
            waitUp().until(d -> d.findElements(By.cssSelector(".chats li.chat.left")).size() > before);
        }
        type("no, none of those");
        waitUp().until(d -> d.findElements(By.cssSelector(".chat-buttons .chat-button")).stream()
                .anyMatch(b -> b.getText().toLowerCase().contains("tennis ball")));
        press("ennis ball");
        botSays("Step 1 of 6");
        for (int step = 2; step <= 6; step++) {
            press("Next");
            botSays("Step " + step + " of 6");
        }
        type("I have crushing chest pain and my left arm feels heavy");
        botSays("999");

        assertThat(browser.findElements(By.cssSelector(".chats li.chat.left")).stream().map(WebElement::getText))
                .anyMatch(text -> text.contains("Step 6 of 6"));
    }
}
