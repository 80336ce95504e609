package org.seedplan.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan bench …}: performance measurements on this machine (median wall time after warm-up). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance on this machine: median wall time over repeated runs after warm-up.",
        subcommands = {
                BenchDoseCommand.class,
                BenchPlanCommand.class,
                BenchEditCommand.class,
                BenchSeedsCommand.class,
                org.seedplan.cli.needles.BenchNeedlesCommand.class,
                BenchStatsCommand.class,
                BenchStructuresCommand.class,
                BenchCtReadCommand.class,
                BenchTemplateCommand.class,
                BenchDicomReceiveCommand.class,
                BenchMcCommand.class,
                BenchAuditCommand.class,
        })
public final class BenchCommand implements Runnable {

    /** Most timed runs a benchmark takes: a median of 1000 runs is as good as it gets; more is a typo. */
    static final int MAX_RUNS = 1000;

    /** Refuses fewer than 5 timed runs (a median needs them) or more than {@link #MAX_RUNS}. */
    static void checkRuns(int runs) {
        if (runs < 5 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("--runs must lie in 5 … " + MAX_RUNS + ", got " + runs);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
