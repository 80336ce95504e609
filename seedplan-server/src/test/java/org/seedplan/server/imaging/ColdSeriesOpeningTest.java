package org.seedplan.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;

/**
 * A CT series stored while the server runs is prepared in the background: its first opening is served from the
 * prepared file (proved by removing the DICOM files first) with the stored geometry and HU; a series that gains an
 * instance is shown with it and its prepared file rewritten; the per-centre access check still answers 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColdSeriesOpeningTest {

    /** A small stack with a distinct HU in every voxel (i + 10 j + 100 k − 1000), so that any reordering shows. */
    static final Grid GRID = new Grid(new Vec3(-12.5, -7.25, 30), 0.5, 0.75, 2.5, 16, 12, 9);
    /** The series' Slice Thickness (0018,0050): an overlapping reconstruction, 5 mm slices every 2.5 mm. */
    private static final double SLICE_THICKNESS_MM = 5.0;
    /** How long the background preparation may take here: the 2 s polling period plus reading 9 slices on a loaded machine. */
    private static final long PREPARE_WAIT_MS = 60_000;

    private TestServer t;
    private World w;
    private ApiClient physicist;

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(TestDatabases.Kind.SQLITE);
        w = new World(t);
        physicist = t.signedIn(Role.PHYSICIST, true);
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void aSeriesNeverOpenedIsServedFromItsPreparedFileWithTheStoredGeometryAndHu() throws Exception {
        Patient p = w.patient(t.a);
        String series = Uids.newUid();
        List<Path> files = slices(t.folder("cold-ct"), p, series, GRID);
        DicomStore store = DicomStore.open(t.db);
        store.importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        String fingerprint = SeriesFingerprint.of(t.db, series);
        Path prepared = awaitPrepared(series, fingerprint);
        for (Path f : store.seriesFiles(series)) {
            Files.delete(f);
        }

        JsonNode h = physicist.get("/api/ct/" + series).json();
        assertThat(h.get("columns").asInt()).isEqualTo(16);
        assertThat(h.get("rows").asInt()).isEqualTo(12);
        assertThat(h.get("slices").asInt()).isEqualTo(9);
        // the grid is written as DICOM decimal strings and read back: exact for these binary fractions
        assertThat(h.get("originMm").get(0).asDouble()).isEqualTo(-12.5);
        assertThat(h.get("originMm").get(1).asDouble()).isEqualTo(-7.25);
        assertThat(h.get("originMm").get(2).asDouble()).isEqualTo(30.0);
        assertThat(h.get("spacingMm").get(0).asDouble()).isEqualTo(0.5);
        assertThat(h.get("spacingMm").get(1).asDouble()).isEqualTo(0.75);
        assertThat(h.get("spacingMm").get(2).asDouble()).isEqualTo(2.5);
        assertThat(h.get("slicePositionsMm").get(8).asDouble()).isEqualTo(50.0);
        assertThat(h.get("patientDbId").asLong()).isEqualTo(p.id());

        ByteBuffer b = voxels(series, 2, 3);
        for (int k = 2; k < 5; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    assertThat(b.getShort()).as("HU of voxel %d,%d,%d", i, j, k).isEqualTo((short) hu(i, j, k));
                }
            }
        }
        assertThat(prepared).exists();
        // the seed and needle finders take the slice profile's width from the prepared volume: the stored Slice Thickness,
        // 5 mm on slices 2.5 mm apart, not the spacing
        BrowserVolume v = new PreparedVolumes(t.db.dataFolder(), PreparedVolumes.DEFAULT_BUDGET_BYTES).read(series, fingerprint, p.id())
                .orElseThrow();
        assertThat(v.toVolume().sliceProfileFwhmMm()).isEqualTo(SLICE_THICKNESS_MM);
    }

    @Test
    void aSeriesThatGainsAnInstanceIsShownWithItAndItsPreparedFileIsRewritten() throws Exception {
        Patient p = w.patient(t.a);
        String series = Uids.newUid();
        Grid ten = new Grid(GRID.originMm(), GRID.dxMm(), GRID.dyMm(), GRID.dzMm(), GRID.nx(), GRID.ny(), 10);
        List<Path> files = slices(t.folder("cold-ct"), p, series, ten);
        DicomStore store = DicomStore.open(t.db);
        store.importForPatient(Actor.SYSTEM, p.id(), files.subList(0, 9), ImportLimits.DEFAULT);
        String nine = SeriesFingerprint.of(t.db, series);
        awaitPrepared(series, nine);
        assertThat(physicist.get("/api/ct/" + series).json().get("slices").asInt()).isEqualTo(9);

        store.importForPatient(Actor.SYSTEM, p.id(), files.subList(9, 10), ImportLimits.DEFAULT);
        String tenFingerprint = SeriesFingerprint.of(t.db, series);
        assertThat(tenFingerprint).isNotEqualTo(nine);
        JsonNode h = physicist.get("/api/ct/" + series).json();
        assertThat(h.get("slices").asInt()).isEqualTo(10);
        assertThat(h.get("slicePositionsMm").get(9).asDouble()).isEqualTo(52.5);
        ByteBuffer b = voxels(series, 9, 1);
        assertThat(b.getShort(2 * (3 + 16 * 4))).isEqualTo((short) hu(3, 4, 9));
        PreparedVolumes disk = new PreparedVolumes(t.db.dataFolder(), PreparedVolumes.DEFAULT_BUDGET_BYTES);
        assertThat(disk.isCurrent(series, tenFingerprint)).isTrue();
        assertThat(disk.isCurrent(series, nine)).isFalse();
    }

    @Test
    void aPreparedSeriesOfAnotherCentreIsStillNotFound() throws Exception {
        Patient p = w.patient(t.a);
        String series = Uids.newUid();
        DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), slices(t.folder("cold-ct"), p, series, GRID), ImportLimits.DEFAULT);
        awaitPrepared(series, SeriesFingerprint.of(t.db, series));
        ApiClient physicistB = t.signedIn(Role.PHYSICIST, false);
        assertThat(physicistB.get("/api/ct/" + series).status()).isEqualTo(404);
        assertThat(physicistB.get("/api/ct/" + series + "/voxels?from=0&count=1").status()).isEqualTo(404);
        assertThat(physicist.get("/api/ct/" + series).status()).isEqualTo(200);
    }

    static int hu(int i, int j, int k) {
        return i + 10 * j + 100 * k - 1000;
    }

    static List<Path> slices(Path dir, Patient p, String series, Grid grid) throws Exception {
        float[] hu = new float[grid.voxelCount()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    hu[grid.index(i, j, k)] = hu(i, j, k);
                }
            }
        }
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, hu, SLICE_THICKNESS_MM),
                StudyContext.newStudy(new PatientInfo("TEST^COLD", p.patientId(), "19600101", "F")), series);
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            Path f = dir.resolve("ct" + k + ".dcm");
            Files.write(f, DicomWriter.encode(slices.get(k)));
            files.add(f);
        }
        return files;
    }

    private Path awaitPrepared(String series, String fingerprint) throws InterruptedException {
        PreparedVolumes disk = new PreparedVolumes(t.db.dataFolder(), PreparedVolumes.DEFAULT_BUDGET_BYTES);
        long end = System.currentTimeMillis() + PREPARE_WAIT_MS;
        while (!disk.isCurrent(series, fingerprint)) {
            assertThat(System.currentTimeMillis()).as("series %s prepared in the background within %d ms", series, PREPARE_WAIT_MS)
                    .isLessThan(end);
            Thread.sleep(100);
        }
        return disk.fileOf(series);
    }

    private ByteBuffer voxels(String series, int from, int count) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(t.base() + "/api/ct/" + series + "/voxels?from=" + from + "&count=" + count))
                .header("Cookie", physicist.cookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(2 * count * GRID.nx() * GRID.ny());
        return ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
    }
}
