package org.seedplan.server.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.TestServer;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) driven through Debian's chromedriver by Selenium, with both paths
 * given so that Selenium Manager downloads nothing; headless at 1366 × 900 with a fresh profile folder, in UTC
 * (so that times on screen are predictable).
 * Without the browser the calling test fails when CI=true and is skipped otherwise.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * How often a wait looks again: 50 ms instead of Selenium's default 0.5 s, which cost a quarter of a second on average
     * for every wait of every test; one look is one round trip to the browser (milliseconds).
     */
    static final Duration POLL = Duration.ofMillis(50);

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** The browser's language unless a test class asks for another. */
    static final String LANGUAGE = "en-GB";

    /** Starts a headless browser in {@link #LANGUAGE}, or fails (CI=true) or skips the test when chromium or chromedriver is missing. */
    static Chromium start() throws IOException {
        return start(LANGUAGE);
    }

    /**
     * Starts a headless browser in {@code language} (e.g. "en-US": given both as --lang and, for Chromium on Linux, which
     * takes its locale from the environment, as LANGUAGE and LANG), or fails or skips as {@link #start()}.
     */
    static Chromium start(String language) throws IOException {
        requireInstalled();
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile = Files.createTempDirectory("seedplan-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=" + language);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                // Chromium's own temporary folders (org.chromium.Chromium.*) inside the profile, which close() deletes
                .withEnvironment(Map.of("TZ", "UTC", "LANGUAGE", language.replace('-', '_'), "LANG", language.replace('-', '_') + ".UTF-8",
                        "TMPDIR", Files.createDirectory(profile.resolve("tmp")).toString())).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile);
    }

    private static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = BROWSER + " and " + DRIVER + " are needed for the browser tests: install Debian's chromium and "
                + "chromium-driver (bin/install-test-tools)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Script errors the pages logged since the last call (uncaught exceptions, failed module loads, CSP refusals).
     * "Failed to load resource" lines are left out: they are the API's 4xx answers the screens expect and handle.
     */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /**
     * Saves what the browser shows as {@code <build folder>/screenshots/NAME.png} (the build folder of this module,
     * e.g. target or target-web) and returns the file.
     */
    Path screenshot(String name) {
        Path dir = buildDir().resolve("screenshots");
        try {
            Files.createDirectories(dir);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path file = dir.resolve(name + ".png");
            Files.move(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("screenshot " + name + " could not be saved in " + dir, e);
        }
    }

    /** Signs {@code username} in with the test password on the sign-in screen at {@code baseUrl}; returns on the patient list. */
    void signIn(String baseUrl, String username) {
        signIn(baseUrl, username, "/patients.html");
    }

    /** Signs {@code username} in on the sign-in screen at {@code baseUrl}; returns once the browser shows {@code landing}. */
    void signIn(String baseUrl, String username, String landing) {
        driver.get(baseUrl + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30), POLL);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("username"))).sendKeys(username);
        WebElement pass = driver.findElement(By.id("password"));
        pass.sendKeys(TestServer.PASSWORD);
        pass.submit();
        wait.until(ExpectedConditions.urlContains(landing));
    }

    /** An answer of the API to a request sent from the signed-in page: HTTP status and body. */
    record Answer(long status, String body) {
    }

    /**
     * Sends a request from the signed-in page with the session's CSRF token (read from GET /api/session), as the page's own
     * scripts send it, or a user forging a request the screen does not offer; returns the answer.
     */
    Answer fetch(String method, String path, String body) {
        Object answer = driver.executeAsyncScript("""
                const [method, path, body, done] = arguments;
                fetch('/api/session').then((r) => r.json())
                  .then((s) => fetch(path, { method, body: body || undefined,
                    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken } }))
                  .then((r) => r.text().then((t) => done([r.status, t])), (e) => done(String(e)));""", method, path, body);
        if (!(answer instanceof List<?> a)) {
            throw new AssertionError(method + " " + path + " was not answered: " + answer);
        }
        return new Answer((Long) a.get(0), (String) a.get(1));
    }

    /** The module's build folder: the system property project.build.directory, else the parent of test-classes. */
    static Path buildDir() {
        String property = System.getProperty("project.build.directory");
        if (property != null) {
            return Path.of(property);
        }
        try {
            return Path.of(Chromium.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the build folder from " + Chromium.class, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
