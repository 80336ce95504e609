package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.server.imaging.RegistrationLookup;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Verification runs in the audit trail (docs/server.md): a run's start and its end are rows on {@code verification_run} under
 * the run's id, naming who started it, the centre, the patient, the plan revision, the post-op and plan CT series and how the
 * frames were joined, and (at the end) the seeds found of those expected and the target's D90 and V100; a failed run's end
 * names its error. The run id saved into an implant finds both rows through the audit route after the server restarted (the
 * run itself is gone from memory), and the chain still verifies. SQLite, restarted on the same data folder.
 */
class VerificationAuditTest {

    @Test
    void aRunsStartAndEndAreAuditedAndFoundByTheImplantsRunIdAfterARestart(@TempDir Path dir) throws Exception {
        String runId;
        long implant;
        String expectedHeadline;
        VerificationFixture f;
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE, Database.open(dir))) {
            World w = new World(t);
            f = VerificationFixture.create(t, w, t.a);
            long revisionId = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow().id();
            ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
            ApiClient.Answer created = t.signedIn(Role.PHYSICIAN, true).post("/api/patients/" + f.patient().id() + "/implants",
                    "{\"implantDate\":\"2026-12-01\",\"seedCount\":4,\"planRevisionId\":" + revisionId + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            implant = created.json().get("id").asLong();
            runId = f.run(physicist, true);
            JsonNode job = physicist.get("/api/verifications/" + runId).json();
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
            JsonNode ctv = job.get("result").get("structures").get(0);
            expectedHeadline = String.format(Locale.ROOT, "seeds found 4 of 4 expected (4 matched, 0 extra), CTV D90 %.1f Gy, V100 %.1f %%",
                    post(ctv, "d_pct_gy.90"), post(ctv, "v_pct.100"));

            // the end row is written before the run shows as finished: polling saw "done", so both rows are there
            List<AuditEvent> rows = t.services.audit().forEntity("verification_run", runId);
            assertThat(rows).extracting(AuditEvent::action).containsExactly("VERIFICATION_START", "VERIFICATION_DONE");
            for (AuditEvent e : rows) {
                assertThat(e.username()).isEqualTo(t.usersA.get(Role.PHYSICIST).username());
                assertThat(e.role()).isEqualTo("PHYSICIST");
                assertThat(e.centreId()).isEqualTo(t.a.id());
                assertThat(e.newValue()).contains("patient " + f.patient().id() + ", plan " + f.planId() + " revision 1 (plan_revision " + revisionId + ")")
                        .contains("post-op CT series " + f.postOpSeriesUid()).contains("plan CT series " + f.planCtSeriesUid())
                        .contains("no registration (one Frame of Reference)").contains("structure set Targets version 1");
            }
            assertThat(rows.get(1).newValue()).startsWith("finished: " + expectedHeadline + "; ");
            assertThat(rows.get(1).newValue().length()).as("a line, no dose grid").isLessThan(1000);

            ApiClient.Answer saved = physicist.post("/api/verifications/" + runId + "/implant", "{\"version\":1}");
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        }

        try (TestServer restarted = new TestServer(TestDatabases.Kind.SQLITE, Database.open(dir))) {
            String saved = new ImplantRepository(restarted.db).find(implant).orElseThrow().data().verifiedSource().verificationRunId();
            assertThat(saved).isEqualTo(runId);
            assertThat(restarted.signedIn(Role.PHYSICIST, true).get("/api/verifications/" + saved).status())
                    .as("the run itself did not survive the restart").isEqualTo(404);
            JsonNode trail = restarted.signedIn(Role.MONITOR, true).get("/api/audit?entity=verification_run&id=" + saved).json();
            assertThat(trail).hasSize(2);
            assertThat(trail.get(0).get("action").asText()).isEqualTo("VERIFICATION_START");
            assertThat(trail.get(1).get("action").asText()).isEqualTo("VERIFICATION_DONE");
            assertThat(trail.get(1).get("newValue").asText()).contains(expectedHeadline).contains(f.postOpSeriesUid());
            assertThat(restarted.signedIn(Role.MONITOR, false).get("/api/audit?entity=verification_run&id=" + saved).json())
                    .as("another centre's monitor sees none of it").isEmpty();
            assertThat(restarted.services.audit().verify().intact()).as("the chain verifies with the run rows in it").isTrue();
        }
    }

    @Test
    void aFailedRunIsAuditedWithItsError() throws Exception {
        try (TestServer t = new TestServer(TestDatabases.Kind.SQLITE)) {
            VerificationFixture f = VerificationFixture.create(t, new World(t), t.a);
            // a structure set of the body outline only: the run fails once it has found the seeds (no structure to compute metrics on)
            List<Contour> body = List.of(new Contour(0, new double[] {-25, 25, 25, -25}, new double[] {-25, -25, 25, 25}));
            long setId = new StructureSetStore(t.db, t.services.audit()).create(Actor.SYSTEM, f.patient().id(), f.planCtSeriesUid(),
                    new RegistrationLookup(t.db).frameOf(f.planCtSeriesUid()), "Body only", "drawn",
                    StructureJson.write(List.of(new Structure("BODY", StructureType.EXTERNAL, 0x00FF00, body))).toString(), t.clock.instant());
            ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
            ApiClient.Answer started = physicist.post("/api/verifications", "{\"planId\":" + f.planId() + ",\"revision\":1,\"postOpSeriesUid\":\""
                    + f.postOpSeriesUid() + "\",\"structureSetId\":" + setId + "}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String runId = started.json().get("id").asText();
            JsonNode job = VerificationFixture.finished(physicist, runId);
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("failed");

            List<AuditEvent> rows = t.services.audit().forEntity("verification_run", runId);
            assertThat(rows).extracting(AuditEvent::action).containsExactly("VERIFICATION_START", "VERIFICATION_FAILED");
            assertThat(rows.get(1).newValue()).startsWith("failed: " + job.get("error").asText() + "; ")
                    .contains("structure set Body only version 1").contains(f.postOpSeriesUid());
            assertThat(t.services.audit().verify().intact()).isTrue();
        }
    }

    private static double post(JsonNode structure, String key) {
        for (JsonNode m : structure.get("metrics")) {
            if (m.get("key").asText().equals(key)) {
                return m.get("post").asDouble();
            }
        }
        throw new AssertionError("no " + key);
    }
}
