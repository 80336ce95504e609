package org.seedplan.cli.serve;

import java.util.concurrent.Callable;
import org.seedplan.cli.registry.RegistryDatabaseOptions;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.AuditVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seedplan audit verify}: walks the audit trail's hash chain and names the first row that was edited, deleted or reordered. */
@Command(name = "audit", mixinStandardHelpOptions = true, header = "Check the registry's audit trail.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code seedplan audit verify --data DIR | --db URL}: exit 0 when the chain is intact, 1 when it is broken. */
    @Command(name = "verify", mixinStandardHelpOptions = true, header = "Verify the hash chain of the audit trail.")
    static final class Verify implements Callable<Integer> {

        @CommandLine.Mixin
        RegistryDatabaseOptions registry;

        @Override
        public Integer call() {
            registry.requireExisting();
            try (Database database = registry.open()) {
                AuditVerification v = new AuditTrail(database).verify();
                if (v.intact()) {
                    System.out.println("audit trail intact: " + v.rowsChecked() + " rows checked");
                    return 0;
                }
                System.out.println("audit trail BROKEN at row " + v.firstBrokenSeq() + ": " + v.problem());
                return 1;
            }
        }
    }
}
