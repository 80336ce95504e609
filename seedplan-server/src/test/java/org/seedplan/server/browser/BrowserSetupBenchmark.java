package org.seedplan.server.browser;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.security.PasswordHasher;

/**
 * What a browser test class's set-up costs, run by hand, not part of the suite:
 * {@code mvn … -Dtest=BrowserSetupBenchmark -Dseedplan.browserSetupBench=true}. In one JVM, alternating five times: Chromium
 * then the test server one after the other (the set-up the classes had), {@link ServerAndBrowser} (both side by side), and
 * the twelve Argon2id hashes that TestServer's fixture users no longer cost each.
 */
class BrowserSetupBenchmark {

    @Test
    void sequentialAndSideBySideStart() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("seedplan.browserSetupBench"), "a benchmark run by hand: -Dseedplan.browserSetupBench=true");
        PasswordHasher hasher = new PasswordHasher();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            try (Chromium chromium = Chromium.start(); TestServer server = new TestServer(TestDatabases.Kind.SQLITE)) {
                chromium.driver().get(server.base() + "/");
            }
            long t1 = System.nanoTime();
            try (ServerAndBrowser bench = ServerAndBrowser.start(Duration.ofSeconds(30))) {
                bench.open("/");
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                hasher.hash(TestServer.PASSWORD);
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: one after the other %.2f s, side by side %.2f s, twelve hashes %.2f s%n",
                    round, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        }
    }
}
