package org.seedplan.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seedplan.server.ScratchFolder;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.CentreRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench audit}: a patient's audit rows ({@code GET /api/audit?patientId=}, {@link AuditTrail#ofPatient}) on a
 * long trail, on the embedded database or on PostgreSQL.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Time a patient's audit rows (GET /api/audit?patientId=, first page of 200) on a trail of --rows rows about",
            "--rows/100 patients: a third about the patient records (entity patient), a third CREATE rows of lesions naming their",
            "patient, a third run rows carrying their patient. The patient timed has 30 rows spread over the trail (one in",
            "~6 700 of 200 000); a second one has none. Embedded database in a temporary folder, or --db on an empty PostgreSQL",
            "schema (or one this benchmark filled with --rows rows: timed again without writing)."})
public final class BenchAuditCommand implements Callable<Integer> {

    /** Rows written per transaction (SQLite commits with an fsync each). */
    private static final int BATCH = 5_000;
    /** Rows the trail holds before the benchmark's: the centre's creation. */
    private static final int TRAIL_START = 2;
    /** Rows of the patient timed. */
    private static final int OWN_ROWS = 30;

    @Option(names = "--rows", defaultValue = "200000", description = "audit rows in the trail, 1 000 … 5 000 000 (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "PostgreSQL (an empty schema: the trail is written into it) instead of the embedded database")
    String db;

    @Option(names = "--runs", defaultValue = "20", description = "timed queries after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() throws IOException {
        BenchCommand.checkRuns(runs);
        if (rows < 1_000 || rows > 5_000_000) {
            throw new IllegalArgumentException("--rows must lie in 1000 … 5000000, got " + rows);
        }
        Path folder = Files.createTempDirectory("seedplan-bench-audit");
        try (Database database = Database.open(folder, db)) {
            long existing = database.read(tx -> tx.number("SELECT COUNT(*) FROM audit_event"));
            var bench = new CentreRepository(database).findByCode("BENCH");
            if (existing > 0 && (bench.isEmpty() || existing != rows + TRAIL_START)) {
                throw new IllegalArgumentException("--db " + db.replaceAll("(?i)(password=)[^&]*", "$1***") + " holds " + existing
                        + " audit rows, not this benchmark's trail of --rows " + rows + ": give an empty schema (the trail is written"
                        + " into it) or one this benchmark filled with as many rows");
            }
            run(database, bench.map(c -> c.id()).orElse(null));
        } finally {
            ScratchFolder.delete(folder);
        }
        return 0;
    }

    /** Runs the benchmark; {@code filled}: the centre of this benchmark's trail, already written (timed again), or null. */
    private void run(Database database, Long filled) {
        long centre = filled != null ? filled : new CentreRepository(database).create(Actor.SYSTEM, "BENCH", "Bench centre").id();
        Actor actor = new Actor(1L, "bench", Role.DATA_ENTRY, centre, null);
        AuditTrail audit = new AuditTrail(database);
        int patients = rows / 100;
        long own = patients + 1L;
        long none = patients + 2L;
        SplittableRandom rnd = new SplittableRandom(2026);
        long t0 = System.nanoTime();
        int stride = rows / OWN_ROWS;
        for (int start = filled != null ? rows : 0; start < rows; start += BATCH) {
            int from = start;
            database.inTransaction(tx -> {
                for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                    long patient = i % stride == stride / 2 ? own : 1 + rnd.nextInt(patients);
                    switch (i % 3) {
                        case 0 -> audit.changes(actor, "UPDATE", "patient", patient, Map.of(), Map.of("diagnosis", "row " + i), null);
                        case 1 -> audit.changes(actor, "CREATE", "lesion", 1_000_000L + i, Map.of(), Map.of("patient_id", patient), null);
                        default -> audit.event(actor, "VERIFICATION_START", "verification_run", 2_000_000L + i, null, patient);
                    }
                }
                return null;
            });
        }
        double writeS = (System.nanoTime() - t0) / 1e9;
        long total = database.read(tx -> tx.number("SELECT COUNT(*) FROM audit_event"));
        System.out.printf(Locale.ROOT, "%s, trail of %d rows about %d patients %s in %.1f s; load average %.2f%n",
                database.dialect(), total, patients, filled != null ? "(written before) read" : "written", writeS, load());
        Set<Long> centres = Set.of(centre);
        for (long patient : List.of(own, none)) {
            int found = 0;
            List<Double> ms = new ArrayList<>();
            for (int r = 0; r < 3 + runs; r++) {
                long s = System.nanoTime();
                List<AuditEvent> page = audit.ofPatient(patient, null, null, centres, 0, 200);
                double t = (System.nanoTime() - s) / 1e6;
                found = page.size();
                if (r >= 3) {
                    ms.add(t);
                }
            }
            double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "patient with %d rows: median %.2f ms over %d runs (min %.2f, max %.2f); load average %.2f%n",
                    found, a[a.length / 2], runs, a[0], a[a.length - 1], load());
        }
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
