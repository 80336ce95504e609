package org.seedplan.storage.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

public class DicomStoreTest {

    static final String STUDY = "1.2.826.0.1.3680043.9.7777.1";
    static final String SERIES = "1.2.826.0.1.3680043.9.7777.1.2";

    @TempDir
    Path folder;
    @TempDir
    Path upload;

    /** A minimal CT image header (no pixels: the store reads headers only). */
    static byte[] ct(String patientId, String sop, int instance, String series) {
        return ct(patientId, sop, instance, series, STUDY);
    }

    /** A minimal CT image header of study {@code study}. */
    public static byte[] ct(String patientId, String sop, int instance, String series, String study) {
        DataSet ds = DataSet.builder("test").put(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2").put(Tag.SOP_INSTANCE_UID, sop)
                .put(Tag.PATIENT_ID, patientId).put(Tag.PATIENT_NAME, "Wang^Fang").put(Tag.PATIENT_SEX, "F")
                .put(Tag.PATIENT_BIRTH_DATE, "19600131").put(Tag.STUDY_INSTANCE_UID, study).put(Tag.STUDY_DATE, "20260105")
                .put(Tag.STUDY_DESCRIPTION, "Planning CT").put(Tag.SERIES_INSTANCE_UID, series).put(Tag.MODALITY, "CT")
                .put(Tag.SERIES_NUMBER, "2").put(Tag.SERIES_DESCRIPTION, "Abdomen 2 mm").put(Tag.FRAME_OF_REFERENCE_UID, "1.2.826.0.1.3680043.9.7777.9")
                .put(Tag.INSTANCE_NUMBER, Integer.toString(instance)).build();
        return DicomWriter.encode(ds);
    }

    private static String sop(int i) {
        return SERIES + "." + i;
    }

    private List<Path> threeSlicesAndAReadme(String patientId) throws IOException {
        for (int i = 1; i <= 3; i++) {
            Files.write(upload.resolve("slice" + i + ".dcm"), ct(patientId, sop(i), i, SERIES));
        }
        Files.writeString(upload.resolve("README.txt"), "exported by the scanner");
        return List.of(upload);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void importingAFolderCreatesThePatientStudySeriesAndFilesByHash(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            DicomStore store = DicomStore.open(t.db);
            ImportResult r = store.importIntoCentre(Actor.SYSTEM, c.id(), threeSlicesAndAReadme("P-77"), ImportLimits.DEFAULT);

            assertThat(r.instances()).hasSize(3);
            assertThat(r.skipped()).singleElement().asString().contains("README.txt").contains("not a DICOM file");
            Patient p = new PatientRepository(t.db).findByPatientId(c.id(), "P-77").orElseThrow();
            assertThat(p.data().familyName()).isEqualTo("Wang");
            assertThat(p.data().givenName()).isEqualTo("Fang");
            assertThat(p.data().sex()).isEqualTo("F");
            assertThat(p.data().birthDate()).isEqualTo(LocalDate.of(1960, 1, 31));

            List<StudyInfo> studies = store.studies(p.id());
            assertThat(studies).singleElement().satisfies(s -> {
                assertThat(s.studyInstanceUid()).isEqualTo(STUDY);
                assertThat(s.studyDate()).isEqualTo(LocalDate.of(2026, 1, 5));
                assertThat(s.description()).isEqualTo("Planning CT");
                assertThat(s.series()).singleElement().satisfies(se -> {
                    assertThat(se.modality()).isEqualTo("CT");
                    assertThat(se.instanceCount()).isEqualTo(3);
                    assertThat(se.frameOfReferenceUid()).isEqualTo("1.2.826.0.1.3680043.9.7777.9");
                });
            });
            for (StoredInstance i : r.instances()) {
                Path f = t.db.dataFolder().resolve(i.filePath());
                assertThat(i.filePath()).isEqualTo("dicom/" + i.sha256().substring(0, 2) + "/" + i.sopInstanceUid() + ".dcm");
                assertThat(DicomStore.sha256(Files.readAllBytes(f))).isEqualTo(i.sha256());
            }
            assertThat(store.seriesFiles(SERIES)).extracting(f -> f.getFileName().toString())
                    .containsExactly(sop(1) + ".dcm", sop(2) + ".dcm", sop(3) + ".dcm");
            assertThat(filesUnder(t.db.dataFolder().resolve("dicom"))).hasSize(3).noneMatch(f -> f.toString().endsWith(".tmp"));

            ImportResult again = store.importIntoCentre(Actor.SYSTEM, c.id(), List.of(upload), ImportLimits.DEFAULT);
            assertThat(again.instances()).allMatch(StoredInstance::alreadyStored);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anObjectWhosePatientIdDisagreesIsRefusedAndTheWholeImportLeavesNothing(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P-77"));
            DicomStore store = DicomStore.open(t.db);
            threeSlicesAndAReadme("P-77");
            Files.write(upload.resolve("slice9.dcm"), ct("P-99", sop(9), 9, SERIES));
            assertThatThrownBy(() -> store.importForPatient(Actor.SYSTEM, p.id(), List.of(upload), ImportLimits.DEFAULT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("slice9.dcm").hasMessageContaining("Patient ID 'P-99' disagrees with patient 'P-77'");
            assertThat(t.number("SELECT COUNT(*) FROM dicom_instance")).isZero();
            assertThat(t.number("SELECT COUNT(*) FROM dicom_study")).isZero();
            assertThat(filesUnder(t.db.dataFolder().resolve("dicom"))).as("files of the rolled-back import are removed").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDifferentObjectReusingAStoredSopInstanceUidIsRefused(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P-77"));
            DicomStore store = DicomStore.open(t.db);
            store.store(Actor.SYSTEM, p.id(), ct("P-77", sop(1), 1, SERIES), "a.dcm");
            assertThatThrownBy(() -> store.store(Actor.SYSTEM, p.id(), ct("P-77", sop(1), 5, SERIES), "b.dcm"))
                    .hasMessageContaining("already stored with different content");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoServersImportingTheSameSeriesAtOnceStoreEachObjectOnce(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P-77"));
            threeSlicesAndAReadme("P-77");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<ImportResult>> jobs = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    jobs.add(pool.submit(() -> DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), List.of(upload), ImportLimits.DEFAULT)));
                }
                long fresh = 0;
                for (var j : jobs) {
                    fresh += j.get().instances().stream().filter(i -> !i.alreadyStored()).count();
                }
                assertThat(fresh).as("each object written by exactly one import").isEqualTo(3);
            } finally {
                pool.shutdown();
            }
            assertThat(t.number("SELECT COUNT(*) FROM dicom_instance")).isEqualTo(3);
            assertThat(t.number("SELECT COUNT(*) FROM dicom_study")).isEqualTo(1);
            assertThat(t.number("SELECT COUNT(*) FROM dicom_series")).isEqualTo(1);
            for (Path f : DicomStore.open(t.db).seriesFiles(SERIES)) {
                assertThat(f).exists();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void zipEntriesAreStoredByUidWhateverTheirNamesAndZipBombsAreRefused() throws Exception {
        try (Database db = Database.open(folder)) {
            Centre c = new CentreRepository(db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            DicomStore store = DicomStore.open(db);
            Path zip = upload.resolve("study.zip");
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
                z.putNextEntry(new ZipEntry("../../../escape.dcm"));
                z.write(ct("P-1", sop(1), 1, SERIES));
                z.putNextEntry(new ZipEntry("/abs/2.dcm"));
                z.write(ct("P-1", sop(2), 2, SERIES));
            }
            ImportResult r = store.importIntoCentre(Actor.SYSTEM, c.id(), List.of(zip), ImportLimits.DEFAULT);
            assertThat(r.instances()).hasSize(2);
            assertThat(Files.exists(folder.getParent().resolve("escape.dcm"))).isFalse();
            assertThat(filesUnder(folder.resolve("dicom"))).hasSize(2);

            Path bomb = upload.resolve("bomb.zip");
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
                z.putNextEntry(new ZipEntry("huge.dcm"));
                z.write(new byte[64 << 20]);
            }
            assertThat(Files.size(bomb)).isLessThan(1 << 20);
            ImportLimits limits = new ImportLimits(100, 32 << 20, 1L << 30, 1e9);
            assertThatThrownBy(() -> store.importIntoCentre(Actor.SYSTEM, c.id(), List.of(bomb), limits))
                    .hasMessageContaining("huge.dcm").hasMessageContaining("import limit");
            ImportLimits ratioOnly = new ImportLimits(100, 1L << 30, 1L << 30, 200);
            assertThatThrownBy(() -> store.importIntoCentre(Actor.SYSTEM, c.id(), List.of(bomb), ratioOnly))
                    .hasMessageContaining("compression ratio");
            assertThat(t(db)).as("nothing indexed from the refused archives").isEqualTo(2);
        }
    }

    @org.junit.jupiter.api.Test
    void anOrphanFileLeftByAKillBetweenWriteAndIndexIsRemovedAtTheNextStart() throws Exception {
        Path orphan;
        Path tmp;
        try (Database db = Database.open(folder)) {
            Centre c = new CentreRepository(db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(db).create(Actor.SYSTEM, PatientData.of(c.id(), "P-1"));
            DicomStore store = DicomStore.open(db);
            store.store(Actor.SYSTEM, p.id(), ct("P-1", sop(1), 1, SERIES), "kept.dcm");
            // what a kill after the rename and before the commit leaves behind
            orphan = folder.resolve("dicom/ab/" + sop(2) + ".dcm");
            DicomStore.writeDurably(orphan, ct("P-1", sop(2), 2, SERIES));
            tmp = folder.resolve("dicom/ab/." + sop(3) + ".dcm.123.tmp");
            Files.write(tmp, new byte[10]);
            Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        }
        try (Database db = Database.open(folder)) {
            DicomStore.open(db);
            assertThat(Files.exists(orphan)).isFalse();
            assertThat(Files.exists(tmp)).isFalse();
            assertThat(filesUnder(folder.resolve("dicom"))).singleElement().asString().endsWith(sop(1) + ".dcm");
        }
    }

    private static long t(Database db) {
        return db.read(tx -> tx.number("SELECT COUNT(*) FROM dicom_instance"));
    }
}
