package org.seedplan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seedplan} command line: one subcommand per stage of the workflow. */
@Command(name = "seedplan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "CT-guided I-125 seed implantation: plan, verify, follow up, analyse.",
        subcommands = {
                CommandLine.HelpCommand.class,
                org.seedplan.cli.demo.DemoCommand.class,
                org.seedplan.cli.demo.EvaluateCommand.class,
                org.seedplan.cli.dose.DosePointsCommand.class,
                org.seedplan.cli.planning.PlanCommand.class,
                org.seedplan.cli.template.TemplateCommand.class,
                org.seedplan.cli.bench.BenchCommand.class,
                org.seedplan.cli.stats.StatsCommand.class,
                org.seedplan.cli.verify.FindSeedsCommand.class,
                org.seedplan.cli.verify.VerifyCommand.class,
                org.seedplan.cli.needles.NeedlesCommand.class,
                org.seedplan.cli.outcomes.CohortCommand.class,
                org.seedplan.cli.outcomes.HyperthermiaCommand.class,
                org.seedplan.cli.dicom.DvhCommand.class,
                org.seedplan.cli.dicom.DoseCommand.class,
                org.seedplan.cli.net.DicomNetCommand.class,
                org.seedplan.cli.serve.ServeCommand.class, org.seedplan.cli.serve.AuditCommand.class,
                org.seedplan.cli.registry.RegistryCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code: 0 done, 2 user error, 1 internal failure. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setParameterExceptionHandler(new UserErrorHandler());
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // inputs are sized before work starts (MemoryBudget); reaching this is a size we did not foresee
            System.err.println("seedplan: out of memory (java may use " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): the input is larger than this machine can hold; use a coarser grid or fewer samples, or give java more"
                    + " memory with -Xmx");
            return UserErrorHandler.USER_ERROR;
        }
    }
}
