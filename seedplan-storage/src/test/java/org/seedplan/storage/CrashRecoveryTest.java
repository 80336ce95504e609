package org.seedplan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.dicom.DicomStore;

/**
 * kill -9 during a stream of writes: a child JVM commits records (patient + lesion + DICOM file, one transaction
 * each) and prints each acknowledged one; the test kills it with destroyForcibly, reopens the database and
 * requires every acknowledged record complete, no half-written record and no orphan file. The CI form waits for
 * 15 acknowledged records; {@code -Dseedplan.crash.records=N} runs a longer stream.
 */
class CrashRecoveryTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyAcknowledgedWriteSurvivesKillMinus9AndNoOrphanFileRemains(Dialect dialect, @TempDir Path scratch) throws Exception {
        int target = Integer.getInteger("seedplan.crash.records", 15);
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            if (dialect == Dialect.SQLITE) {
                t.db.close();
            }
            // the killed child's temporary files (SQLite's native library) and its stderr in a folder JUnit deletes
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), folder.toString()));
            if (t.jdbcUrl() != null) {
                cmd.add(t.jdbcUrl());
            }
            Path err = scratch.resolve("crash-writer.err");
            Process child = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            AtomicInteger acked = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("ACK ")) {
                            acked.set(Integer.parseInt(line.substring(4)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the pipe closes when the child is killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (acked.get() < target && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            int ack = acked.get();
            assertThat(ack).as("acknowledged writes before the kill; child stderr: " + Files.readString(err)).isGreaterThanOrEqualTo(target);

            try (Database db = dialect == Dialect.SQLITE ? Database.open(folder) : Database.open(folder, t.jdbcUrl())) {
                DicomStore store = DicomStore.open(db);
                store.removeOrphans(Duration.ZERO);
                for (int i = 1; i <= ack; i++) {
                    String pid = "K-" + i;
                    long lesions = db.read(tx -> tx.number("SELECT COUNT(*) FROM lesion l JOIN patient p ON p.id = l.patient_id"
                            + " WHERE p.patient_id = ?", pid));
                    assertThat(lesions).as(pid + " lesion").isEqualTo(1);
                    assertThat(store.file("1.2.826.0.1.3680043.9.7777.5." + i)).as(pid + " DICOM file").hasValueSatisfying(f ->
                            assertThat(f).exists());
                }
                long incomplete = db.read(tx -> tx.number("SELECT COUNT(*) FROM patient p WHERE"
                        + " (SELECT COUNT(*) FROM lesion l WHERE l.patient_id = p.id) <> 1"
                        + " OR (SELECT COUNT(*) FROM dicom_study s WHERE s.patient_id = p.id) <> 1"));
                assertThat(incomplete).as("half-written records").isZero();
                List<String> indexed = db.read(tx -> tx.query("SELECT file_path FROM dicom_instance", r -> r.string("file_path")));
                Set<String> onDisk = new HashSet<>();
                try (Stream<Path> s = Files.walk(folder.resolve(DicomStore.FOLDER))) {
                    s.filter(Files::isRegularFile).forEach(f -> onDisk.add(folder.relativize(f).toString().replace('\\', '/')));
                }
                assertThat(onDisk).as("files on disk are exactly the indexed ones").isEqualTo(new HashSet<>(indexed));
                assertThat(new org.seedplan.storage.audit.AuditTrail(db).verify().intact()).isTrue();
            }
        }
    }
}
