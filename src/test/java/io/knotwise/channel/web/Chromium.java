package io.knotwise.channel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium and chromium-driver for the browser tests ({@code KNOTWISE_CHROMIUM} and
 * {@code KNOTWISE_CHROMEDRIVER} name others), each start with a fresh profile and the browser console recorded.
 */
final class Chromium {

    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("KNOTWISE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("KNOTWISE_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    static final String MISSING = "Chromium is not installed (apt-get install chromium chromium-driver, or set"
            + " KNOTWISE_CHROMIUM and KNOTWISE_CHROMEDRIVER): browser test skipped";

    /**
     * Selenium looks for DevTools bindings matching the browser's version and warns when Debian's Chromium is newer
     * than the ones it ships; the tests use WebDriver only. Held here: java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_VERSIONS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSIONS.setLevel(Level.SEVERE);
    }

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    static ChromeDriver start() throws IOException {
        var options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--lang=en-GB", "--user-data-dir="
                        + Files.createTempDirectory("knotwise-chromium").toAbsolutePath());
        // Chromium writes caches and settings under $HOME unless told otherwise: keep them in target/.
        Path home = Files.createDirectories(Path.of("target/chromium-home")).toAbsolutePath();
        var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .withEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
                        "XDG_CACHE_HOME", home.resolve("cache").toString()))
                .build();
        return new ChromeDriver(service, options);
    }
}
