package org.seedplan.dicom;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent DICOM tools the tests check seedplan against: dciodvfy (dicom3tools),
 * dcmdump (dcmtk), pydicom (Debian's python3-pydicom in /usr/bin/python3) and plastimatch.
 * A missing tool fails the test when CI is "true" and skips it otherwise.
 */
public final class ExternalTools {

    /** Debian's python, where python3-pydicom installs (a pyenv python3 may come first on PATH). */
    public static final String PYTHON = "/usr/bin/python3";

    /** Output and exit code of one run. */
    public record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    /** The shared test-data folder (../shared). */
    public static Path shared() {
        String p = System.getProperty("seedplan.shared");
        Path path = p != null ? Path.of(p) : Path.of("../../shared");
        if (!Files.isDirectory(path.resolve("data"))) {
            path = Path.of("../../shared");
        }
        return path.toAbsolutePath().normalize();
    }

    /** Path of a file under ../shared/data; skips (or fails on CI) when the data are absent. */
    public static Path data(String relative) {
        Path p = shared().resolve("data").resolve(relative);
        require(Files.exists(p), "shared test data " + p);
        return p;
    }

    /** Makes sure the tool can run: fails on CI, skips elsewhere. */
    public static void require(String tool) {
        boolean ok = switch (tool) {
            case "pydicom" -> run(List.of(PYTHON, "-c", "import pydicom, numpy"), 60).exitCode() == 0;
            default -> onPath(tool);
        };
        require(ok, tool + " (CI installs: apt-get install -y dicom3tools dcmtk python3-pydicom python3-numpy plastimatch)");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                fail("missing " + what);
            }
            Assumptions.assumeTrue(false, "missing " + what + "; skipped outside CI");
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, merging stdout and stderr, failing the test on a timeout. */
    public static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** dciodvfy's "Error" lines for a file (empty when it passes). */
    public static List<String> dciodvfyErrors(Path file) {
        require("dciodvfy");
        Result r = run(List.of("dciodvfy", file.toString()), 120);
        List<String> errors = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("Error")) {
                errors.add(line);
            }
        }
        return errors;
    }

    /** dcmdump's output; fails when dcmdump reports an error. */
    public static String dcmdump(Path file) {
        require("dcmdump");
        Result r = run(List.of("dcmdump", "+L", file.toString()), 120);
        if (r.exitCode() != 0 || r.output().contains("\nE: ") || r.output().startsWith("E: ")) {
            fail("dcmdump reports an error for " + file + ":\n" + r.output());
        }
        return r.output();
    }

    /** Runs a pydicom script (arguments in sys.argv[1:]) and returns its output; fails on a non-zero exit. */
    public static String pydicom(String script, String... args) {
        require("pydicom");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-W", "ignore", "-c", script));
        cmd.addAll(List.of(args));
        Result r = run(cmd, 300);
        if (r.exitCode() != 0) {
            fail("pydicom script failed:\n" + r.output());
        }
        return r.output();
    }
}
