package org.seedplan.cli.registry;

import java.util.List;
import java.util.concurrent.Callable;
import org.seedplan.server.plans.UndatedImplantRevisions;
import org.seedplan.storage.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code seedplan registry undated-implants --data DIR | --db URL}: lists the plan revisions that state the seeds' calibration
 * date but no implant date (their dose is at the certificate's strength, not decayed; a verification of them asks for the
 * implant date). Exit 0 when there are none, 1 when some are listed, so that a centre's check script notices.
 */
@Command(name = "undated-implants", mixinStandardHelpOptions = true,
        header = "List plan revisions with a seed calibration date but no implant date (dose not decayed to the implant).")
public final class RegistryUndatedImplantsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    RegistryDatabaseOptions registry;

    @Override
    public Integer call() {
        registry.requireExisting();
        try (Database database = registry.open()) {
            List<UndatedImplantRevisions.Found> found = UndatedImplantRevisions.list(database);
            if (found.isEmpty()) {
                System.out.println("no plan revision states a calibration date without an implant date");
                return 0;
            }
            System.out.println(found.size() + " plan revision(s) state the seeds' calibration date but no implant date: their dose is at the"
                    + " calibration strength (not decayed); record the implant date in a new revision, and give it when verifying");
            found.forEach(f -> System.out.println(f.line()));
            return 1;
        }
    }
}
