package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantRecord;
import org.seedplan.storage.registry.ImplantRepository;

/**
 * "Save to implant": a finished verification's post-implant figures of the CTV go into the implant recorded against the
 * verified revision with their structure, the run's id and end, and the dose engine, audited field by field with before and
 * after; the model-based D90/V100 only when stored for the run, labelled with its specification; a second run's figures (or
 * figures typed in) are replaced only with a reason; the run is refused unfinished, to
 * another centre's user, to a read-only role, under a forged id, into another patient's implant, and with a stale version.
 * The figures saved are the verification answer's own (compared exactly: they are copied, not recomputed). SQLite here,
 * PostgreSQL in {@link VerificationImplantApiPostgresTest}.
 */
class VerificationImplantApiTest extends ServerPerClass {

    /** The fixture's plan revision 1 with an implant recorded against it (through the API, as the patient page does); its id. */
    private long implantOf(VerificationFixture f) {
        long revisionId = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow().id();
        ApiClient.Answer a = t.signedIn(Role.PHYSICIAN, f.patient().centreId() == t.a.id()).post("/api/patients/" + f.patient().id() + "/implants",
                "{\"implantDate\":\"2026-12-01\",\"seedCount\":4,\"planRevisionId\":" + revisionId + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    private static double post(JsonNode result, String structure, String key) {
        for (JsonNode s : result.get("structures")) {
            if (s.get("name").asText().equals(structure)) {
                for (JsonNode m : s.get("metrics")) {
                    if (m.get("key").asText().equals(key)) {
                        return m.get("post").asDouble();
                    }
                }
            }
        }
        throw new AssertionError("no " + key + " of " + structure);
    }

    private ImplantRecord stored(long implantId) {
        return new ImplantRepository(t.db).find(implantId).orElseThrow();
    }

    @Test
    void aFinishedRunsFiguresGoIntoTheImplantWithStructureRunAndEngineAuditedAndOnThePatientPage() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        long implant = implantOf(f);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String id = f.run(physicist, true);
        JsonNode job = physicist.get("/api/verifications/" + id).json();
        JsonNode r = job.get("result");

        ApiClient.Answer saved = physicist.post("/api/verifications/" + id + "/implant", "{\"version\":1}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode j = saved.json();
        assertThat(j.get("id").asLong()).isEqualTo(implant);
        assertThat(j.get("postD90Gy").asDouble()).isEqualTo(post(r, "CTV", "d_pct_gy.90"));
        assertThat(j.get("postD100Gy").asDouble()).isEqualTo(post(r, "CTV", "d_pct_gy.100"));
        assertThat(j.get("postV100Percent").asDouble()).isEqualTo(post(r, "CTV", "v_pct.100"));
        assertThat(j.get("postV150Percent").asDouble()).isEqualTo(post(r, "CTV", "v_pct.150"));
        assertThat(j.get("postTargetVolumeCc").asDouble()).isEqualTo(post(r, "CTV", "volume_cc"));
        assertThat(j.get("postSeedCount").asInt()).isEqualTo(4);
        assertThat(j.get("postMetricsStructure").asText()).isEqualTo("CTV");
        JsonNode src = j.get("postMetricsSource");
        assertThat(src.get("verificationRunId").asText()).isEqualTo(id);
        assertThat(src.get("doseEngine").asText()).isEqualTo("TG-43");
        assertThat(src.get("runFinishedAt").asText()).isNotBlank();
        assertThat(j.get("version").asLong()).isEqualTo(2);

        // audited: one row per changed column, before (none) and after, the reason naming the run
        List<AuditEvent> rows = t.services.audit().forEntity("implant", implant).stream().filter(e -> e.action().equals("UPDATE")).toList();
        AuditEvent d90 = rows.stream().filter(e -> "post_d90_gy".equals(e.field())).findFirst().orElseThrow();
        assertThat(d90.oldValue()).isNull();
        assertThat(Double.parseDouble(d90.newValue())).isEqualTo(post(r, "CTV", "d_pct_gy.90"));
        assertThat(d90.reason()).contains("verification " + id).contains("CTV").contains("TG-43").contains("plan " + f.planId() + " revision 1");
        assertThat(rows).extracting(AuditEvent::field).contains("post_metrics_structure", "post_metrics_run_id", "post_metrics_engine",
                "post_metrics_run_at");
        assertThat(t.services.audit().verify().intact()).isTrue();

        // the patient page names where each figure came from
        JsonNode page = t.signedIn(Role.MONITOR, true).get("/api/patients/" + f.patient().id()).json().get("implants").get(0);
        assertThat(page.get("plannedFrom").get("planId").asLong()).isEqualTo(f.planId());
        assertThat(page.get("plannedFrom").get("revision").asInt()).isEqualTo(1);
        assertThat(page.get("postMetricsSource").get("verificationRunId").asText()).isEqualTo(id);

        // the same run again changes nothing and needs no reason; a stale version is refused (optimistic locking)
        ApiClient.Answer again = physicist.post("/api/verifications/" + id + "/implant", "{\"version\":2}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        ApiClient.Answer stale = physicist.post("/api/verifications/" + id + "/implant", "{\"version\":1}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("field").asText()).isEqualTo("version");
    }

    @Test
    void anotherRunsOrTypedFiguresAreReplacedOnlyWithAReasonAuditedBeforeAndAfter() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        long implant = implantOf(f);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String first = f.run(physicist, true);
        String second = f.run(physicist, true);
        assertThat(physicist.post("/api/verifications/" + first + "/implant", "{\"version\":1}").status()).isEqualTo(200);

        ApiClient.Answer refused = physicist.post("/api/verifications/" + second + "/implant", "{\"version\":2}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("field").asText()).isEqualTo("replace");
        assertThat(refused.json().get("detail").asText()).contains("verification " + first);
        ApiClient.Answer noReason = physicist.post("/api/verifications/" + second + "/implant", "{\"version\":2,\"replace\":true}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
        assertThat(stored(implant).data().verifiedSource().verificationRunId()).as("nothing changed by the refusals").isEqualTo(first);

        ApiClient.Answer replaced = physicist.post("/api/verifications/" + second + "/implant",
                "{\"version\":2,\"replace\":true,\"reason\":\"post-op CT re-read after the seed finder update\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        AuditEvent run = t.services.audit().forEntity("implant", implant).stream()
                .filter(e -> "post_metrics_run_id".equals(e.field()) && second.equals(e.newValue())).findFirst().orElseThrow();
        assertThat(run.oldValue()).isEqualTo(first);
        assertThat(run.reason()).startsWith("post-op CT re-read after the seed finder update").contains("replaces the post-operative figures of"
                + " verification " + first);

        // figures typed over the saved ones are no longer the run's: they read "entered by hand", and a run replaces them only with a reason
        ApiClient.Answer typed = t.signedIn(Role.DATA_ENTRY, true).put("/api/implants/" + implant,
                "{\"version\":3,\"postD90Gy\":101.5,\"postMetricsStructure\":\"CTV\"}");
        assertThat(typed.status()).as(typed.body()).isEqualTo(200);
        assertThat(typed.json().get("postMetricsSource").isNull()).isTrue();
        ApiClient.Answer overTyped = physicist.post("/api/verifications/" + second + "/implant", "{\"version\":4}");
        assertThat(overTyped.status()).isEqualTo(409);
        assertThat(overTyped.json().get("detail").asText()).contains("entered by hand");
    }

    @Test
    void theModelBasedDoseIsSavedOnlyWhenStoredForTheRunAndLabelledWithItsSpecification() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        long implant = implantOf(f);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String id = f.run(physicist, true);
        String mb = "/api/verifications/" + id + "/model-based";
        // 10⁴ photons: the figures are only carried over here, not judged (docs/model-based-dose.md measures the engine)
        ApiClient.Answer started = physicist.post(mb, "{\"specification\":\"dw,m\",\"photons\":10000,\"uncertaintyPct\":10}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runPath = mb + "/" + started.json().get("id").asText();
        long until = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        JsonNode run = physicist.get(runPath).json();
        while ("running".equals(run.get("state").asText()) && System.nanoTime() < until) {
            Thread.sleep(200);
            run = physicist.get(runPath).json();
        }
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        JsonNode stored = run.get("result");

        ApiClient.Answer other = physicist.post("/api/verifications/" + id + "/implant", "{\"version\":1,\"engine\":\"Dm,m\"}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("field").asText()).isEqualTo("engine");
        assertThat(other.json().get("detail").asText()).contains("Dw,m");

        ApiClient.Answer saved = physicist.post("/api/verifications/" + id + "/implant", "{\"version\":1,\"engine\":\"Dw,m\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode j = saved.json();
        double d90 = 0;
        double v100 = 0;
        for (JsonNode row : stored.get("comparison")) {
            if (row.get("structure").asText().equals("CTV") && row.get("metric").asText().equals("D90")) {
                d90 = row.get("modelBased").asDouble();
            }
            if (row.get("structure").asText().equals("CTV") && row.get("metric").asText().equals("V100")) {
                v100 = row.get("modelBased").asDouble();
            }
        }
        assertThat(j.get("postD90Gy").asDouble()).isEqualTo(d90);
        assertThat(j.get("postV100Percent").asDouble()).isEqualTo(v100);
        assertThat(j.get("postD100Gy").isNull()).as("no TG-43 figure mixed in").isTrue();
        assertThat(j.get("postV150Percent").isNull()).isTrue();
        assertThat(j.get("postMetricsSource").get("doseEngine").asText()).isEqualTo("Dw,m");
        assertThat(stored(implant).data().verifiedSource().doseEngine()).isEqualTo("Dw,m");
    }

    @Test
    void theRunIsRefusedUnfinishedToOthersForgedIntoAnotherPatientsImplantAndForAnEngineOrStructureItHasNot() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        long implant = implantOf(f);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String id = f.run(physicist, true);
        String path = "/api/verifications/" + id + "/implant";

        assertThat(t.signedIn(Role.PHYSICIST, false).post(path, "{\"version\":1}").status()).as("another centre's physicist").isEqualTo(404);
        assertThat(t.signedIn(Role.PHYSICIAN, true).post(path, "{\"version\":1}").status()).as("not the run's starter").isEqualTo(404);
        assertThat(t.signedIn(Role.MONITOR, true).post(path, "{\"version\":1}").status()).as("a read-only role").isEqualTo(403);
        assertThat(physicist.post("/api/verifications/" + UUID.randomUUID() + "/implant", "{\"version\":1}").status()).as("a forged run id")
                .isEqualTo(404);

        VerificationFixture other = VerificationFixture.create(t, w, t.a);
        long othersImplant = implantOf(other);
        VerificationFixture inB = VerificationFixture.create(t, w, t.b);
        long implantInB = implantOf(inB);
        for (long foreign : new long[] {othersImplant, implantInB}) {
            ApiClient.Answer a = physicist.post(path, "{\"version\":1,\"implantId\":" + foreign + "}");
            assertThat(a.status()).as("implant %d", foreign).isEqualTo(400);
            assertThat(a.json().get("field").asText()).isEqualTo("implantId");
        }
        ApiClient.Answer engine = physicist.post(path, "{\"version\":1,\"engine\":\"Dm,m\"}");
        assertThat(engine.status()).isEqualTo(400);
        assertThat(engine.json().get("field").asText()).isEqualTo("engine");
        ApiClient.Answer unknownEngine = physicist.post(path, "{\"version\":1,\"engine\":\"Monte Carlo\"}");
        assertThat(unknownEngine.json().get("field").asText()).isEqualTo("engine");
        ApiClient.Answer structure = physicist.post(path, "{\"version\":1,\"structure\":\"Liver\"}");
        assertThat(structure.status()).isEqualTo(400);
        assertThat(structure.json().get("field").asText()).isEqualTo("structure");

        // a run that has not finished: the lane runs one verification at a time, so the second of two started together waits
        String waiting = null;
        ApiClient.Answer early = null;
        for (int attempt = 0; attempt < 3 && waiting == null; attempt++) {
            f.run(physicist, false);
            String candidate = f.run(physicist, false);
            // version 99: were the run done after all, the save would be refused as stale, never written
            ApiClient.Answer a = physicist.post("/api/verifications/" + candidate + "/implant", "{\"version\":99}");
            if ("running".equals(physicist.get("/api/verifications/" + candidate).json().get("state").asText())) {
                waiting = candidate; // still running after the answer: it was running when asked
                early = a;
            }
            VerificationFixture.finished(physicist, candidate);
        }
        assertThat(early).as("a run still running when saved (3 tries)").isNotNull();
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("field").asText()).isEqualTo("jobId");

        for (long i : new long[] {implant, othersImplant, implantInB}) {
            assertThat(stored(i).version()).as("implant %d untouched", i).isEqualTo(1);
            assertThat(stored(i).data().hasVerified()).isFalse();
        }
    }
}
