package org.seedplan.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test Orthanc stops with its test JVM, however long the JVM ran and however it ended: a JVM killed with SIGKILL runs no
 * shutdown hook, and its Orthanc (under {@code timeout 900} until the "desk" session of 2026-12-05) was left running for up to
 * 15 minutes, while a suite that outlived those 15 minutes lost its PACS. Here a child JVM starts the shared Orthanc and is
 * killed with SIGKILL: Orthanc must be gone within 10 s (Orthanc stops in well under a second on SIGTERM; 10 s leaves room
 * for a loaded machine).
 */
class PacsFixtureLifetimeTest {

    @Test
    void orthancStopsWhenItsTestJvmIsKilled(@TempDir Path dir) throws Exception {
        PacsFixture.require("Orthanc", PacsFixture.onPath("Orthanc"));
        Path pidFile = dir.resolve("orthanc.pid");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), PacsFixtureChild.class.getName(),
                pidFile.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Optional<ProcessHandle> orthanc;
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(pidFile)) {
                assertThat(child.isAlive()).as("child JVM runs (its log: %s)", Files.readString(dir.resolve("child.log"))).isTrue();
                assertThat(System.currentTimeMillis()).as("Orthanc started within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            orthanc = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            assertThat(orthanc).as("Orthanc runs").isPresent();
            assertThat(orthanc.get().isAlive()).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try {
            orthanc.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            orthanc.get().destroyForcibly(); // not left behind by this test either
            throw new AssertionError("Orthanc still runs 10 s after its test JVM was killed", e);
        }
        assertThat(orthanc.get().isAlive()).isFalse();
    }
}
