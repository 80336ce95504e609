package org.seedplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All or nothing, no leftovers after a kill, the user's umask, and no output over an input. */
class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFailedExportLeavesNeitherTargetNorStaging() throws Exception {
        Path target = dir.resolve("out");
        try (OutputFolder out = OutputFolder.open(target)) {
            out.writeString("a.txt", "half");
            // no commit: the command failed
        }
        assertThat(target).doesNotExist();
        assertThat(names()).isEmpty();
    }

    @Test
    void aCommittedExportAppearsWholeAndLeavesNoStaging() throws Exception {
        Path target = dir.resolve("out");
        try (OutputFolder out = OutputFolder.open(target)) {
            out.writeString("a.txt", "1");
            out.writeString("sub/b.txt", "2");
            out.commit();
        }
        assertThat(Files.readString(target.resolve("sub/b.txt"))).isEqualTo("2");
        assertThat(names()).containsExactly("out");
    }

    /** A staging folder of a killed run (its process has ended) is removed when the next export to that target starts. */
    @Test
    void stagingOfAKilledRunIsRemovedAtTheNextStart() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path stale = Files.createDirectories(dir.resolve(".out.tmp-" + p.pid() + "-0badc0de"));
        Files.writeString(stale.resolve("report.pdf"), "half a report");
        Path live = Files.createDirectories(dir.resolve(".out.tmp-" + ProcessHandle.current().parent().orElseThrow().pid() + "-0"));
        try (OutputFolder out = OutputFolder.open(dir.resolve("out"))) {
            out.writeString("a.txt", "1");
            out.commit();
        }
        assertThat(stale).doesNotExist();
        assertThat(live).as("a running process's staging is left alone").exists();
    }

    /** The output folder and files get the same permissions as folders and files made the ordinary way (the umask). */
    /**
     * A real {@code seedplan demo --out} killed with SIGKILL while it writes leaves either nothing visible or the
     * whole output (never a half-filled folder); its hidden staging folder is removed by the next export.
     */
    @Test
    void aKilledRunLeavesNoHalfFilledFolderAndItsStagingIsCleanedNextTime() throws Exception {
        Path target = dir.resolve("out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), "org.seedplan.cli.Main", "demo",
                "--out", target.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && names().stream().noneMatch(n -> n.startsWith(".out.tmp-")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly().waitFor();
        if (Files.exists(target)) {
            // the run finished its one rename before the kill: then the output is whole
            assertThat(names()).noneMatch(n -> n.startsWith(".out.tmp-"));
            assertThat(target.resolve("report.pdf")).exists();
            assertThat(target.resolve("verification")).isDirectory();
            return;
        }
        assertThat(names()).as("only the hidden staging folder is left").anyMatch(n -> n.startsWith(".out.tmp-"));
        try (OutputFolder out = OutputFolder.open(target)) {
            out.writeString("a.txt", "1");
            out.commit();
        }
        assertThat(names()).containsExactlyInAnyOrder("out", "log.txt");
    }

    @Test
    void filesAndFoldersFollowTheUmask() throws Exception {
        Path target = dir.resolve("out");
        try (OutputFolder out = OutputFolder.open(target)) {
            out.writeString("a.txt", "1");
            out.commit();
        }
        Set<PosixFilePermission> folder = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("reference")));
        Set<PosixFilePermission> file = Files.getPosixFilePermissions(Files.writeString(dir.resolve("reference.txt"), "x"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(folder);
        assertThat(Files.getPosixFilePermissions(target.resolve("a.txt"))).isEqualTo(file);
    }

    @Test
    void anOutputOverAnInputIsRefused() throws Exception {
        Path input = Files.writeString(dir.resolve("plan.json"), "{}");
        assertThatThrownBy(() -> OutputFolder.refuseInputs("--out", dir, List.of("plan.json"), input))
                .hasMessageContaining("--out").hasMessageContaining("would overwrite the input");
        assertThatThrownBy(() -> OutputFolder.refuseInputFile("--out", input, input)).hasMessageContaining("would overwrite");
        OutputFolder.refuseInputs("--out", dir, List.of("report.pdf"), input);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
