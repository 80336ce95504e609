package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;

/**
 * The real server on a fresh SQLite database ({@link TestServer}) and a headless {@link Chromium} for one browser test
 * class, started side by side (each takes seconds; the browser needs nothing from the server until the first page), and
 * the check every screen test repeats after each test; sign-in and screenshots are {@link Chromium}'s.
 */
final class ServerAndBrowser implements AutoCloseable {

    final TestServer server;
    final Chromium chromium;
    final ChromeDriver driver;
    /** Waits up to the time the class gave {@link #start}, looking every {@link Chromium#POLL} (not Selenium's 0.5 s). */
    final WebDriverWait wait;

    private ServerAndBrowser(TestServer server, Chromium chromium, Duration patience) {
        this.server = server;
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.wait = new WebDriverWait(driver, patience, Chromium.POLL);
    }

    /**
     * Starts the server on another thread while the browser starts on this one; {@code patience} is how long {@link #wait}
     * waits. Without chromium the test is skipped, or fails when CI=true (as {@link Chromium#start}); the server is then closed.
     */
    static ServerAndBrowser start(Duration patience) throws Exception {
        return start(patience, Chromium.LANGUAGE);
    }

    /** As {@link #start(Duration)}, the browser in {@code language} (e.g. "en-US"). */
    static ServerAndBrowser start(Duration patience, String language) throws Exception {
        CompletableFuture<TestServer> server = CompletableFuture.supplyAsync(() -> {
            try {
                return new TestServer(TestDatabases.Kind.SQLITE);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, task -> new Thread(task, "test-server-start").start());
        Chromium chromium;
        try {
            chromium = Chromium.start(language);
        } catch (Throwable t) {
            server.thenAccept(TestServer::close);
            throw t;
        }
        try {
            return new ServerAndBrowser(server.join(), chromium, patience);
        } catch (CompletionException e) {
            chromium.close();
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The server's address of {@code pathAndQuery} (starting with "/"). */
    String url(String pathAndQuery) {
        return server.base() + pathAndQuery;
    }

    /** Opens {@code pathAndQuery} (starting with "/") of the server in the browser. */
    void open(String pathAndQuery) {
        driver.get(url(pathAndQuery));
    }

    /**
     * After each test: no script errors in the console since the last check, then the sign-in page with no cookies, so
     * the next test starts signed out.
     */
    void checkConsoleAndSignOut() {
        assertThat(chromium.scriptErrors()).as("script errors in the browser console").isEmpty();
        driver.get(server.base() + "/");
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() throws Exception {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }
}
