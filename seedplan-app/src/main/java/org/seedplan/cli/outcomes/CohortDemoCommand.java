package org.seedplan.cli.outcomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedplan.outcomes.io.CohortCsvWriter;
import org.seedplan.outcomes.io.SyntheticCohort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan cohort demo}: writes a deterministic synthetic cohort in the input format, for trying the report. */
@Command(name = "demo", mixinStandardHelpOptions = true, header = "Write a synthetic demonstration cohort (CSV).",
        description = {"Write a synthetic cohort (invented numbers, the same for the same seed) as CSV",
            "tables in the cohort input format: baseline visit, 6 monthly imaging visits,",
            "3-monthly status visits, pain, QLQ-C30, adverse events, dosimetry (Gy, %%, cm3)",
            "and hyperthermia temperature logs (degrees C). Then run:",
            "seedplan cohort report --data DIR --out REPORT"})
public final class CohortDemoCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSV tables (must be new or empty: it is read back as one cohort).")
    Path out;

    @Option(names = "--patients", defaultValue = "130", description = "Number of patients (default ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", defaultValue = "2024", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--logged-hyperthermia", defaultValue = "12", paramLabel = "N",
            description = "Patients with hyperthermia whose temperature logs are written (default ${DEFAULT-VALUE}).")
    int logged;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty; fix: give a new or empty folder");
                }
            }
        }
        SyntheticCohort.Result demo = SyntheticCohort.generate(patients, seed, logged);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), out);
        System.out.println("Synthetic cohort of " + patients + " patients (seed " + seed + ") written to " + out);
        return 0;
    }
}
