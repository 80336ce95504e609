package org.seedplan.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan bench …}: performance measurements on this machine (median wall time after warm-up). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance on this machine: median wall time over repeated runs after warm-up.",
        subcommands = {
                BenchDoseCommand.class,
                BenchPlanCommand.class,
                BenchSeedsCommand.class,
                BenchStatsCommand.class,
                BenchStructuresCommand.class,
                BenchCtReadCommand.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
