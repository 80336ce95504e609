package org.seedplan.cli.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.cohort.CohortExporter;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seedplan registry export}: writes one centre's patients with an implant as the cohort CSV tables that
 * {@code seedplan cohort report --data DIR} reads; the export is audited as made by the system user.
 */
@Command(name = "export", mixinStandardHelpOptions = true, header = "Write a centre's registry patients as cohort CSV tables.")
final class RegistryExportCommand implements Callable<Integer> {

    @Mixin
    RegistryDatabaseOptions database;

    @Mixin
    CentreOption centre;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSV tables (must be new or empty: it is read back as one cohort).")
    Path out;

    @Override
    public Integer call() {
        String code = centre.code();
        requireEmptyOrNew(out);
        database.requireExisting();
        try (Database db = database.open()) {
            Centre centre = new CentreRepository(db).findByCode(code).orElseThrow(() -> new IllegalArgumentException(
                    "--centre " + code + ": no such centre in the registry; give the code of an existing centre"));
            ImportedCohort cohort = new CohortExporter(db).exportCsv(Actor.SYSTEM, List.of(centre.id()), out);
            System.out.println("Exported " + cohort.cohort().size() + " patients of centre " + code + " to " + out);
            return 0;
        }
    }

    /** Refuses an output folder that already holds files, so an export never mixes with older tables. */
    static void requireEmptyOrNew(Path dir) {
        if (Files.isRegularFile(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file: give a new or empty folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + dir + " is not empty: give a new or empty folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("--out " + dir + " cannot be listed", e);
            }
        }
    }
}
