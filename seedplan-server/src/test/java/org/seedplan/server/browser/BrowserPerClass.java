package org.seedplan.server.browser;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.TestServer;

/**
 * The base of a browser test class whose tests share one {@link ServerAndBrowser}: started before the class's first test
 * (a subclass's own {@code @BeforeAll} runs after it, so it can store its patients and studies) and closed after its last.
 * The fields are the bench's, named as the tests use them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPerClass {

    private final Duration patience;
    private final String language;
    ServerAndBrowser bench;
    Chromium chromium;
    TestServer server;
    ChromeDriver driver;
    /** Waits up to the patience the subclass gave, looking every {@link Chromium#POLL}. */
    WebDriverWait wait;

    /** {@code patience}: how long {@link #wait} waits for a condition. */
    BrowserPerClass(Duration patience) {
        this(patience, Chromium.LANGUAGE);
    }

    /** {@code patience} as above; the browser in {@code language} (e.g. "en-US"). */
    BrowserPerClass(Duration patience, String language) {
        this.patience = patience;
        this.language = language;
    }

    @BeforeAll
    final void startServerAndBrowser() throws Exception {
        bench = ServerAndBrowser.start(patience, language);
        chromium = bench.chromium;
        server = bench.server;
        driver = bench.driver;
        wait = bench.wait;
    }

    @AfterAll
    final void closeServerAndBrowser() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }
}
