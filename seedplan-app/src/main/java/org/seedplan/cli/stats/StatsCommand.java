package org.seedplan.cli.stats;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan stats …}: the statistics of the clinical literature on a CSV or .xlsx table, as R computes them. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Compute statistics on a cohort table (CSV or .xlsx; empty cells and NA are missing): Kaplan-Meier,"
                + " log-rank, Cox regression and classical tests. Numbers match R (survival 3.5).",
        subcommands = {
                KmCommand.class,
                LogRankCommand.class,
                CoxCommand.class,
                TestCommand.class,
                DescribeCommand.class,
        })
public final class StatsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
