package org.seedplan.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.cli.CliRun;

/** {@code seedplan bench seeds} refuses scanner-bench options it would otherwise ignore, in one line with exit code 2. */
class BenchSeedsCommandTest {

    @Test
    void profileWithTheRendererIsRefusedNamingTheFlagAndTheFix() {
        CliRun r = CliRun.of("bench", "seeds", "--profile", "box");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--profile box").contains("add --generator scanner or drop --profile");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void huScaleWithTheRendererIsRefusedNamingTheFlagAndTheFix() {
        CliRun r = CliRun.of("bench", "seeds", "--generator", "renderer", "--hu-scale", "extended");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--hu-scale extended")
                .contains("add --generator scanner or drop --hu-scale");
    }

    @Test
    void anUnknownProfileWithTheScannerIsRefusedWithTheChoices() {
        CliRun r = CliRun.of("bench", "seeds", "--generator", "scanner", "--profile", "cone");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--profile cone").contains("box, triangle or gaussian");
    }
}
