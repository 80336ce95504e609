package org.seedplan.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.dicom.net.EchoScu;
import org.seedplan.dicom.net.Timeouts;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.DicomFixture;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.storage.Actor;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.dicom.DicomPeers;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The DICOM node of {@code seedplan serve} receiving from dcmtk's storescu, a real sending peer: a known peer's CT
 * and structure set land in the registry of the peer's centre, a stranger (unknown AE title, or a known one calling
 * from another host) is rejected, a peer of centre A cannot put anything into centre B even with a Patient ID that
 * exists there, a corrupt object is refused with nothing kept and no index row without its file, and every
 * association, refused ones included, is in the hash-chained audit trail with the SOP Instance UIDs it carried; a
 * sender killed in the middle of a series leaves only whole objects, each index row with its file, and the node
 * still answers C-ECHO.
 */
class RegistryDicomNodeTest {

    @TempDir
    Path tmp;

    private TestServer t;
    private RegistryDicomNode node;
    private DicomPeers peers;

    @BeforeEach
    void start() throws Exception {
        PacsFixture.require("storescu", PacsFixture.onPath("storescu"));
        t = new TestServer(TestDatabases.Kind.SQLITE);
        peers = new DicomPeers(t.db);
        node = RegistryDicomNode.start(t.db, "SEEDPLAN", "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (t != null) {
            t.close();
        }
    }

    @Test
    void knownPeersStudyIsFiledInItsCentreAndTheAssociationAudited() throws Exception {
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "CT_A", "127.0.0.1", 104, true, false, "scanner"));
        DicomFixture.Written study = DicomFixture.write(tmp.resolve("ct"), "NODE-1", "NODE^ONE");
        String out = storescu("CT_A", study.files(), true);

        Patient p = new PatientRepository(t.db).findByPatientId(t.a.id(), "NODE-1").orElseThrow(() -> new AssertionError(out));
        assertThat(p.data().familyName()).isEqualTo("NODE");
        assertThat(DicomStore.open(t.db).studies(p.id())).singleElement().satisfies(s -> {
            assertThat(s.studyInstanceUid()).isEqualTo(study.studyUid());
            assertThat(s.series()).extracting(x -> x.instanceCount()).containsExactlyInAnyOrder(3L, 1L);
        });
        List<AuditEvent> rows = associations("CT_A");
        assertThat(rows).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("DICOM_ASSOCIATION");
            assertThat(e.centreId()).isEqualTo(t.a.id());
            assertThat(e.newValue()).contains("calling AE CT_A", "called AE SEEDPLAN", "released", "4 object(s) offered, 4 stored");
            for (Path f : study.files()) {
                assertThat(e.newValue()).contains(sop(f));
            }
        });
        assertThat(t.services.audit().verify().intact()).isTrue();
    }

    @Test
    void unknownAeTitleAndKnownTitleFromAnotherHostAreRejectedAndAudited() throws Exception {
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "FAR_CT", "192.0.2.7", 104, true, false, null));
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "PACS_ONLY", "127.0.0.1", 104, false, true, null));
        DicomFixture.Written study = DicomFixture.write(tmp.resolve("ct"), "NODE-2", "NODE^TWO");
        assertThat(storescu("INTRUDER", study.files(), false)).contains("Association Rejected");
        assertThat(storescu("FAR_CT", study.files(), false)).contains("Association Rejected");
        assertThat(storescu("PACS_ONLY", study.files(), false)).contains("Association Rejected");
        assertThat(new PatientRepository(t.db).findByPatientId(t.a.id(), "NODE-2")).isEmpty();
        assertThat(associations("INTRUDER")).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("DICOM_ASSOCIATION_REFUSED");
            assertThat(e.newValue()).contains("not a known peer");
        });
        assertThat(associations("FAR_CT")).singleElement().satisfies(e -> assertThat(e.newValue()).contains("not from its configured host 192.0.2.7"));
        assertThat(associations("PACS_ONLY")).singleElement().satisfies(e -> assertThat(e.newValue()).contains("not allowed to send"));
    }

    @Test
    void peerOfCentreACannotPlaceObjectsInCentreB() throws Exception {
        Patient inB = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(t.b.id(), "SHARED-9").withName("Other", "Centre"));
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "CT_A", "127.0.0.1", 104, true, false, null));
        storescu("CT_A", DicomFixture.write(tmp.resolve("ct"), "SHARED-9", "SAME^ID").files(), true);
        assertThat(DicomStore.open(t.db).studies(inB.id())).isEmpty();
        Patient inA = new PatientRepository(t.db).findByPatientId(t.a.id(), "SHARED-9").orElseThrow();
        assertThat(DicomStore.open(t.db).studies(inA.id())).hasSize(1);
    }

    @Test
    void corruptObjectIsRefusedAndNothingOfItIsKept() throws Exception {
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "CT_A", "127.0.0.1", 104, true, false, null));
        DicomFixture.Written study = DicomFixture.write(tmp.resolve("ct"), "NODE-3", "NODE^THREE");
        Path slice = study.files().get(0);
        byte[] b = Files.readAllBytes(slice);
        // the Patient ID's value replaced by blanks: the object cannot be filed under any patient
        String text = new String(b, StandardCharsets.ISO_8859_1).replace("NODE-3", "      ");
        Path broken = tmp.resolve("broken.dcm");
        Files.write(broken, text.getBytes(StandardCharsets.ISO_8859_1));
        storescu("CT_A", List.of(broken), false);
        long rows = t.db.read(tx -> tx.number("SELECT COUNT(*) FROM dicom_instance"));
        assertThat(rows).isZero();
        assertThat(associations("CT_A")).singleElement().satisfies(e -> assertThat(e.newValue()).contains("1 object(s) offered, 0 stored",
                "status C000"));
        try (var files = Files.walk(t.db.dataFolder().resolve(DicomStore.FOLDER))) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        } catch (java.nio.file.NoSuchFileException none) {
            // nothing was ever written
        }
    }

    @Test
    void senderKilledMidSeriesLeavesOnlyWholeObjectsEachWithItsFileAndTheNodeKeepsAnswering() throws Exception {
        peers.create(Actor.SYSTEM, new DicomPeers.PeerData(t.a.id(), "CT_A", "127.0.0.1", 104, true, false, null));
        Grid grid = new Grid(new Vec3(-100, -100, 0), 0.8, 0.8, 2.5, 256, 256, 60);
        float[] hu = new float[grid.voxelCount()];
        java.util.Arrays.fill(hu, 40f);
        List<Path> files = new ArrayList<>();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, hu), StudyContext.newStudy(new PatientInfo("KILL^ME", "NODE-4", "", "")),
                Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            Path f = tmp.resolve("s" + k + ".dcm");
            DicomWriter.write(slices.get(k), f);
            files.add(f);
        }
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "CT_A", "-aec", "SEEDPLAN", "127.0.0.1", String.valueOf(node.port())));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long end = System.currentTimeMillis() + 30_000;
        while (t.db.read(tx -> tx.number("SELECT COUNT(*) FROM dicom_instance")) < 3 && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        assertThat(associations("CT_A")).singleElement().satisfies(e -> assertThat(e.newValue()).doesNotContain("released"));
        List<String> indexed = t.db.read(tx -> tx.query("SELECT file_path FROM dicom_instance", r -> r.string("file_path")));
        assertThat(indexed.size()).isBetween(3, slices.size() - 1);
        for (String rel : indexed) {
            assertThat(t.db.dataFolder().resolve(rel)).as("the file of an index row").isRegularFile();
        }
        try (var stored = Files.walk(t.db.dataFolder().resolve(DicomStore.FOLDER))) {
            assertThat(stored.filter(Files::isRegularFile).toList()).as("files under the store, none half-written").hasSize(indexed.size());
        }
        assertThat(EchoScu.echo(new AeAddress("SEEDPLAN", "127.0.0.1", node.port()), "CT_A", new Timeouts(3_000, 10_000))).isNotNegative();
    }

    /** The audit rows of {@code ae}'s associations; the node writes one once the connection has closed, just after storescu ends. */
    private List<AuditEvent> associations(String ae) throws InterruptedException {
        long end = System.currentTimeMillis() + 5_000;
        List<AuditEvent> rows = t.services.audit().forEntity("dicom_association", ae);
        while (rows.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            rows = t.services.audit().forEntity("dicom_association", ae);
        }
        return rows;
    }

    private static String sop(Path f) {
        return org.seedplan.dicom.io.DicomReader.read(f).dataSet().requireString(org.seedplan.dicom.io.Tag.SOP_INSTANCE_UID);
    }

    /** dcmtk's storescu calling as {@code ae}; its output. */
    private String storescu(String ae, List<Path> files, boolean mustSucceed) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-to", "10", "-aet", ae, "-aec", "SEEDPLAN", "127.0.0.1",
                String.valueOf(node.port())));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (mustSucceed) {
            assertThat(p.exitValue()).as(out).isZero();
        }
        return out;
    }
}
