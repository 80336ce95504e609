package org.seedplan.cli.registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan registry import|export}: moves a centre's cohort between the cohort tables and the registry database. */
@Command(name = "registry", mixinStandardHelpOptions = true, header = "Import a cohort into the registry, or export the registry as a cohort.",
        subcommands = {RegistryImportCommand.class, RegistryExportCommand.class, RegistryUndatedImplantsCommand.class})
public final class RegistryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
