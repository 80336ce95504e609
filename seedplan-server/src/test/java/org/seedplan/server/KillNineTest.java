package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Database;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.registry.PatientRepository;

/**
 * kill -9 of the server (a child JVM, on the embedded database and on PostgreSQL) during a stream of writes (patients
 * and DICOM uploads): after reopening, every acknowledged write is there, each with its audit row, every indexed DICOM
 * file is present with its recorded SHA-256, no file is left that the index does not name, and the audit chain is intact.
 * On PostgreSQL the store's start-up sweep spares orphans younger than an hour (other servers may be writing them);
 * with the only server dead the test sweeps with no grace, as the next start would an hour later.
 *
 * <p>Nothing of the killed run is left once a server starts again: the child wrote nothing into its system temporary folder
 * (its scratch folder and SQLite's native library are in the data folder, {@link ScratchFolder#beforeDatabase}), and the
 * restarted server deleted the killed run's scratch folder. Everything the test and the child wrote lies in the test's own
 * folder ({@code @TempDir(cleanup = ON_SUCCESS)}), deleted when the test passes and kept, with the child's log, when it fails
 * (JUnit 5.10.1 to 5.12.1 kept it after any earlier failure in the same JVM, JUnit issue 4464; fixed in 5.12.2).
 */
class KillNineTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyAcknowledgedWriteSurvivesKillNineAndNothingIsHalfWritten(TestDatabases.Kind kind,
                                                                       @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        String pgUrl = kind == TestDatabases.Kind.POSTGRESQL ? TestDatabases.freshSchemaUrl() : null;
        killAndCheck(kind, pgUrl, dir);
    }

    private static void killAndCheck(TestDatabases.Kind kind, String pgUrl, Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path portFile = dir.resolve("port");
        // the child's system temporary folder, in the test's folder: the server must write nothing there
        Path childTmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + childTmp, "-cp",
                System.getProperty("java.class.path"), KillNineChild.class.getName(), data.toString(), portFile.toString()));
        if (pgUrl != null) {
            command.add(pgUrl);
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        ConcurrentLinkedQueue<String> ackedPatients = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> ackedStudies = new ConcurrentLinkedQueue<>();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(portFile)) {
                assertThat(child.isAlive()).as("child server runs (see " + dir.resolve("child.log") + ")").isTrue();
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(100);
            }
            ApiClient c = new ApiClient("http://127.0.0.1:" + Files.readString(portFile).trim());
            assertThat(c.signIn("data_entry_a", TestServer.PASSWORD).status()).isEqualTo(200);
            long centre = c.get("/api/centres").json().get(0).get("id").asLong();
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    try {
                        String pid = "K9-" + i;
                        if (c.post("/api/patients", "{\"centreId\":" + centre + ",\"patientId\":\"" + pid + "\"}").status() == 201) {
                            ackedPatients.add(pid);
                        }
                        if (i % 3 == 0) {
                            DicomFixture.Written d = DicomFixture.write(dir.resolve("up" + i), "K9D-" + i, "KILL^NINE");
                            if (c.multipart("/api/studies", Map.of("centreId", Long.toString(centre)), d.files()).status() == 201) {
                                ackedStudies.add(d.studyUid());
                            }
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            writer.start();
            while (ackedPatients.size() < 30 && writer.isAlive()) {
                Thread.sleep(20);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writer.join(30_000);
        } finally {
            child.destroyForcibly();
        }
        assertThat(ackedPatients).hasSizeGreaterThanOrEqualTo(30);
        System.out.println("kill -9 (" + kind + "): " + ackedPatients.size() + " patients and " + ackedStudies.size() + " DICOM uploads acknowledged before the kill");
        try (Database db = Database.open(data, pgUrl)) {
            PatientRepository patients = new PatientRepository(db);
            long centre = db.read(tx -> tx.number("SELECT id FROM centre WHERE code = 'A'"));
            AuditTrail audit = new AuditTrail(db);
            for (String pid : ackedPatients) {
                var p = patients.findByPatientId(centre, pid);
                assertThat(p).as("acknowledged patient " + pid).isPresent();
                assertThat(audit.forEntity("patient", p.get().id())).as("audit row of " + pid).isNotEmpty();
            }
            for (String study : ackedStudies) {
                long instances = db.read(tx -> tx.number("SELECT COUNT(*) FROM dicom_instance i JOIN dicom_series s ON s.id = i.series_id"
                        + " JOIN dicom_study st ON st.id = s.study_id WHERE st.study_instance_uid = ?", study));
                assertThat(instances).as("instances of acknowledged study " + study).isEqualTo(4);
            }
            DicomStore store = DicomStore.open(db);
            if (kind == TestDatabases.Kind.POSTGRESQL) {
                store.removeOrphans(Duration.ZERO);
            }
            List<String[]> indexed = db.read(tx -> tx.query("SELECT file_path, sha256 FROM dicom_instance", r -> new String[] {r.string("file_path"), r.string("sha256")}));
            for (String[] f : indexed) {
                Path file = data.resolve(f[0]);
                assertThat(file).exists();
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))).isEqualTo(f[1]);
            }
            Set<String> names = indexed.stream().map(f -> data.resolve(f[0]).normalize().toString()).collect(Collectors.toSet());
            try (Stream<Path> files = Files.walk(data.resolve(DicomStore.FOLDER))) {
                assertThat(files.filter(Files::isRegularFile).map(p -> p.normalize().toString()).filter(p -> !names.contains(p)).toList())
                        .as("files no index row names").isEmpty();
            }
            assertThat(audit.verify().intact()).isTrue();
        }

        // nothing in the child's system temporary folder; its one scratch folder (SQLite's library in it) in the data folder
        assertThat(list(childTmp)).as("the killed server's files in its system temporary folder").isEmpty();
        List<String> killedRun = list(data.resolve(ScratchFolder.FOLDER)).stream().filter(n -> n.startsWith("run-")).toList();
        assertThat(killedRun).as("the killed server's scratch folder and its lock").hasSize(2);
        if (kind == TestDatabases.Kind.SQLITE) {
            try (Stream<Path> files = Files.walk(data.resolve(ScratchFolder.FOLDER))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sqlite-") && n.endsWith(".so")).count())
                        .as("SQLite's native library, extracted into the killed server's scratch folder").isEqualTo(1);
            }
        }
        // a server started again on the data folder deletes them; stopped, it leaves no scratch folder of its own
        try (TestServer restarted = new TestServer(kind, Database.open(data, pgUrl))) {
            List<String> now = list(data.resolve(ScratchFolder.FOLDER));
            assertThat(now).as("after the restart").doesNotContainAnyElementsOf(killedRun);
            assertThat(now).as("the restarted server's own scratch folder and lock").filteredOn(n -> n.startsWith("run-")).hasSize(2);
        }
        assertThat(list(data.resolve(ScratchFolder.FOLDER))).as("after the restarted server stopped").noneMatch(n -> n.startsWith("run-"));
    }

    private static List<String> list(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
