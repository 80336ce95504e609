package org.seedplan.server.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
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
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.server.structures.ImagingFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.registry.Patient;

/**
 * The CT for the viewer: the geometry header is the stored series' grid, the voxels come back as the HU written
 * (Int16 little-endian, gzip when asked), slices outside the series are refused, and a tilted (sheared) stack is
 * refused rather than shown resampled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CtVolumeApiTest {

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
    void theHeaderIsTheSeriesGridAndTheVoxelsAreItsHuAsInt16LittleEndian() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        JsonNode h = physicist.get("/api/ct/" + f.ctSeriesUid()).json();
        Grid g = ImagingFixture.GRID;
        assertThat(h.get("columns").asInt()).isEqualTo(g.nx());
        assertThat(h.get("rows").asInt()).isEqualTo(g.ny());
        assertThat(h.get("slices").asInt()).isEqualTo(g.nz());
        assertThat(h.get("originMm").get(0).asDouble()).isEqualTo(-20.0);
        assertThat(h.get("originMm").get(2).asDouble()).isEqualTo(-10.0);
        assertThat(h.get("spacingMm").get(2).asDouble()).isEqualTo(2.0);
        assertThat(h.get("slicePositionsMm").get(10).asDouble()).isEqualTo(10.0);
        assertThat(h.get("frameOfReferenceUid").asText()).isEqualTo(f.frameOfReferenceUid());

        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(t.base() + "/api/ct/" + f.ctSeriesUid() + "/voxels?from=3&count=2"))
                .header("Cookie", physicist.cookie()).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(raw).hasSize(2 * 2 * g.nx() * g.ny());
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < raw.length / 2; n++) {
            assertThat(b.getShort()).isEqualTo((short) 40);
        }

        ApiClient.Answer outside = physicist.get("/api/ct/" + f.ctSeriesUid() + "/voxels?from=10&count=2");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("field").asText()).isEqualTo("from");
    }

    @Test
    void aShearedStackFromATiltedGantryIsRefusedWithTheReason() throws Exception {
        Patient p = w.patient(t.a);
        Path dir = t.folder("tilted");
        Grid grid = new Grid(new Vec3(-20, -20, -10), 1, 1, 2, 41, 41, 10);
        String series = Uids.newUid();
        List<DataSet> slices = CtSeriesWriter.slices(new Volume(grid, new float[grid.voxelCount()]),
                StudyContext.newStudy(new PatientInfo("TEST^TILT", p.patientId(), "19600101", "F")), series);
        double shiftPerSliceMm = 2 * Math.tan(Math.toRadians(15));
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < slices.size(); k++) {
            DataSet ds = slices.get(k).toBuilder()
                    .numbers(Tag.IMAGE_POSITION_PATIENT, grid.x(0), grid.y(0) + k * shiftPerSliceMm, grid.z(k))
                    .numbers(Tag.GANTRY_DETECTOR_TILT, 15).build();
            Path file = dir.resolve("ct" + k + ".dcm");
            Files.write(file, DicomWriter.encode(ds));
            files.add(file);
        }
        DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        ApiClient.Answer a = physicist.get("/api/ct/" + series);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("detail").asText()).contains("not an axial, axis-aligned stack", "tilted 15.00", "reconstruct the series");
    }
}
