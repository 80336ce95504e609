package org.seedplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples run as written: every code block the README marks with
 * {@code <!-- runs as written -->} is run line by line, in README order, in one empty folder (so a later
 * block may use what an earlier one wrote, as a reader following the README would), each line as its own
 * {@code seedplan} process. Each must exit 0. A block that stops working fails here, not in a reader's hands.
 */
class ReadmeExamplesTest {

    static final String MARK = "<!-- runs as written -->";

    @TempDir
    Path work;

    @Test
    void everyMarkedExampleRunsAsWrittenOnTheDemoData() throws Exception {
        List<String> lines = markedCommands(Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertThat(lines).as("marked README examples").hasSizeGreaterThanOrEqualTo(8);
        for (String line : lines) {
            Process p = new ProcessBuilder(command(line)).directory(work.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(line).isTrue();
            assertThat(p.exitValue()).as("README example `%s` printed:%n%s", line, output).isZero();
        }
    }

    /** The {@code seedplan …} lines of the fenced blocks that follow the mark (continuation lines joined). */
    static List<String> markedCommands(List<String> readme) {
        List<String> out = new ArrayList<>();
        boolean marked = false;
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : readme) {
            if (line.strip().equals(MARK)) {
                marked = true;
            } else if (line.startsWith("```")) {
                inBlock = marked && !inBlock;
                marked = marked && inBlock;
            } else if (inBlock) {
                pending.append(line.strip());
                if (line.endsWith("\\")) {
                    pending.setLength(pending.length() - 1);
                    continue;
                }
                if (!pending.isEmpty()) {
                    assertThat(pending.toString()).as("a marked README example").startsWith("seedplan ").doesNotContain("|", "[", "…");
                    out.add(pending.toString());
                }
                pending.setLength(0);
            }
        }
        return out;
    }

    /** {@code seedplan ARGS} as a Java process on this test's class path (the README's bin/seedplan runs the same Main). */
    static List<String> command(String line) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(Arrays.asList(line.substring("seedplan ".length()).trim().split("\\s+")));
        return cmd;
    }
}
