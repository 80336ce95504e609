package org.seedplan.cli.outcomes;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan cohort …}: clinical cohort analyses (report, demonstration data). */
@Command(name = "cohort", mixinStandardHelpOptions = true,
        description = "Write the outcome report of a clinical cohort (fixed, or by an analysis plan), list the plan templates, or make a synthetic demonstration cohort.",
        subcommands = {CohortReportCommand.class, CohortPlanCommand.class, CohortDemoCommand.class})
public final class CohortCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
