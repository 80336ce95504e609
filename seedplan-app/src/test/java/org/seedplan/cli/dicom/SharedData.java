package org.seedplan.cli.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test data (system property {@code seedplan.shared}, else ../../shared) and the outside
 * DICOM tools (dciodvfy, plastimatch): missing ones fail the test when CI=true and skip it otherwise.
 */
public final class SharedData {

    /** Output and exit code of one tool run. */
    record Run(int exitCode, String output) {
    }

    private SharedData() {
    }

    static Path data(String relative) {
        String p = System.getProperty("seedplan.shared");
        Path dir = (p != null ? Path.of(p) : Path.of("../../shared")).resolve("data").resolve(relative);
        require(Files.exists(dir), "shared test data " + dir);
        return dir;
    }

    static void requireTool(String tool) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= !d.isEmpty() && Files.isExecutable(Path.of(d, tool));
        }
        require(found, "the tool " + tool + " (bin/install-test-tools installs it)");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(what + " is missing");
            }
            Assumptions.assumeTrue(false, what + " is missing");
        }
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 300 s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** dciodvfy's "Error" lines for one file (warnings are not errors). */
    public static List<String> dciodvfyErrors(Path file) throws IOException, InterruptedException {
        requireTool("dciodvfy");
        return run(List.of("dciodvfy", file.toString())).output().lines().filter(l -> l.startsWith("Error")).toList();
    }
}
