package org.seedplan.server.structures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;

/**
 * The structure-set API on SQLite: versions with their authors and the 409 of a stale save, the audit rows, the
 * RTSTRUCT import with its Frame of Reference check, drawn contours refused off the CT's slices, and a 4 mm margin
 * around a square GTV whose sides lie on voxel edges, where the margin's extent is exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructureApiTest {

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

    private static String saveBody(long version, Object structures) {
        return "{\"version\":" + version + ",\"structures\":" + structures + "}";
    }

    @Test
    void eachSaveIsANewVersionWithItsAuthorAndASaveOfAnOldVersionIs409() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        String path = "/api/structure-sets/" + f.structureSetId();
        String structures = StructureJson.write(List.of(ImagingFixture.gtv())).toString();
        ApiClient.Answer saved = physicist.put(path, saveBody(1, structures));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("version").asLong()).isEqualTo(2);
        assertThat(saved.json().get("savedBy").asText()).isEqualTo("physicist_a");

        ApiClient.Answer stale = t.signedIn(Role.PHYSICIAN, true).put(path, saveBody(1, structures));
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("field").asText()).isEqualTo("version");

        JsonNode versions = physicist.get(path + "/versions").json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asLong()).isEqualTo(2);
        assertThat(versions.get(0).get("savedBy").asText()).isEqualTo("physicist_a");
        assertThat(physicist.get(path + "?version=1").json().get("shownVersion").asLong()).isEqualTo(1);

        List<AuditEvent> audit = t.services.audit().forEntity(StructureSetStore.ENTITY, f.structureSetId());
        assertThat(audit).extracting(AuditEvent::action).containsExactly("CREATE", "UPDATE");
        assertThat(audit.get(1).username()).isEqualTo("physicist_a");
        assertThat(audit.get(1).newValue()).isEqualTo("2");
    }

    @Test
    void aContourOffTheCtSlicesIsRefusedNamingTheContour() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        String body = saveBody(1, "[{\"name\":\"GTV\",\"type\":\"GTV\",\"colour\":\"#ff0000\",\"contours\":["
                + "{\"zMm\":0,\"points\":[[0,0],[5,0],[5,5]]},{\"zMm\":1,\"points\":[[0,0],[5,0],[5,5]]}]}]");
        ApiClient.Answer a = physicist.put("/api/structure-sets/" + f.structureSetId(), body);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("structures[0].contours[1].zMm");
        assertThat(a.json().get("detail").asText()).contains("z = 1.000 mm", "not on a slice of the CT");
    }

    @Test
    void anRtStructOfTheStudyImportsAndOneOfAnotherFrameOfReferenceIsRefused() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        ApiClient.Answer ok = physicist.multipart("/api/ct/" + f.ctSeriesUid() + "/structure-sets/import", Map.of(), List.of(f.rtStructFile()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("structures").get(0).get("name").asText()).isEqualTo("GTV");
        assertThat(ok.json().get("structures").get(0).get("contours")).hasSize(5);
        assertThat(ok.json().get("source").asText()).startsWith("RTSTRUCT import");

        ImagingFixture other = ImagingFixture.create(t, w, t.a);
        ApiClient.Answer refused = physicist.multipart("/api/ct/" + other.ctSeriesUid() + "/structure-sets/import", Map.of(),
                List.of(f.rtStructFile()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).containsAnyOf("Patient ID", "study", "Frame of Reference");
    }

    @Test
    void aFourMillimetreMarginAroundASquareGtvReachesFourMillimetresFurtherOnEveryAxis() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        ApiClient.Answer a = physicist.post("/api/ct/" + f.ctSeriesUid() + "/structures/derive", ImagingFixture.expandBody(4));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode ctv = a.json();
        assertThat(ctv.get("name").asText()).isEqualTo("CTV");
        assertThat(ctv.get("type").asText()).isEqualTo("CTV");
        TreeSet<Double> z = new TreeSet<>();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonNode c : ctv.get("contours")) {
            z.add(c.get("zMm").asDouble());
            if (c.get("zMm").asDouble() == 0) {
                for (JsonNode p : c.get("points")) {
                    minX = Math.min(minX, p.get(0).asDouble());
                    maxX = Math.max(maxX, p.get(0).asDouble());
                    minY = Math.min(minY, p.get(1).asDouble());
                    maxY = Math.max(maxY, p.get(1).asDouble());
                }
            }
        }
        // GTV slabs z -5 … 5 mm grown by 4 mm reach -9 … 9 mm: the slices at -8 … 8 mm (their slabs end at ±9 mm).
        assertThat(z).containsExactly(-8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0);
        // x, y: ±4.5 mm grown by 4 mm = ±8.5 mm, a voxel edge, so the outline along the voxel edges is exact (0.001 mm rounding).
        assertThat(new double[] {minX, maxX, minY, maxY}).containsExactly(new double[] {-8.5, 8.5, -8.5, 8.5},
                org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aMarginReachingBeyondTheCtIsRefusedWithTheMarginNamed() throws Exception {
        ImagingFixture f = ImagingFixture.create(t, w, t.a);
        ApiClient.Answer a = physicist.post("/api/ct/" + f.ctSeriesUid() + "/structures/derive", ImagingFixture.expandBody(8));
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("marginMm");
    }
}
