package org.seedplan.cli.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.cohort.CohortImporter;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seedplan registry import}: reads cohort tables (a CSV folder or an XLSX workbook, docs/outcomes.md) into one
 * centre of the registry, all patients or none, audited as an import by the system user. A centre code the
 * registry does not know yet is created (named by its code).
 */
@Command(name = "import", mixinStandardHelpOptions = true, header = "Import cohort tables (CSV folder or XLSX) into a centre of the registry.")
final class RegistryImportCommand implements Callable<Integer> {

    @Mixin
    RegistryDatabaseOptions database;

    @Mixin
    CentreOption centre;

    @Option(names = "--cohort", required = true, paramLabel = "DIR|FILE.xlsx", description = "Cohort CSV folder or XLSX workbook.")
    Path cohort;

    @Override
    public Integer call() {
        String code = centre.code();
        if (!Files.exists(cohort)) {
            throw new IllegalArgumentException("--cohort " + cohort + " does not exist: give a cohort CSV folder or an .xlsx workbook");
        }
        // read and check the tables before the database is opened: bad input leaves the registry untouched
        ImportedCohort data = CohortImport.read(cohort);
        try (Database db = database.open()) {
            CentreRepository centres = new CentreRepository(db);
            Centre centre = centres.findByCode(code).orElseGet(() -> {
                System.out.println("Centre " + code + " is new: created");
                return centres.create(Actor.SYSTEM, code, code);
            });
            Map<String, Long> ids = new CohortImporter(db).importCohort(Actor.SYSTEM, centre.id(), data);
            System.out.println("Imported " + ids.size() + " patients from " + cohort + " into centre " + code);
            return 0;
        }
    }
}
