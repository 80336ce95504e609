package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.plans.UndatedImplantRevisions;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;

/**
 * A stored revision with the seeds' calibration date but no implant date (possible before the dates rule): the plan API
 * states its dose is at the calibration strength, not decayed, and gives no strength "at implant"; a verification of it
 * is refused naming implantDate until the implant date is given, and then doses with S_K decayed to that day; the
 * registry listing finds it (and not the dated revision beside it).
 */
class UndatedImplantRevisionTest extends ServerPerClass {

    @Test
    void aRevisionWithACalibrationDateOnlyIsListedLabelledAndVerifiedOnlyWithTheImplantDate() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PlanContent dated = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow().content();
        PlanContent undated = new PlanContent(dated.intentJson(), dated.ctSeriesUid(), dated.prescriptionGy(), dated.sourceModelKey(),
                dated.strengthU(), dated.calibrationDate(), null, dated.needles(), dated.seeds(), null);
        PlanRevisions.Revision r = new PlanRevisions(t.db).createPlan(Actor.SYSTEM, f.patient().id(), "Old undated plan", undated, t.clock.instant());

        List<UndatedImplantRevisions.Found> found = UndatedImplantRevisions.list(t.db);
        assertThat(found).extracting(UndatedImplantRevisions.Found::planId).containsExactly(r.planId());
        assertThat(found.get(0).line()).contains("patient " + f.patient().patientId()).contains("calibration 2026-11-24")
                .contains("no implant date");

        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        JsonNode plan = physicist.get("/api/plans/" + r.planId() + "/revisions/1").json();
        assertThat(plan.get("strengthAtImplantU").isNull()).as(plan.toString()).isTrue();
        assertThat(plan.get("doseStrength").asText()).isEqualTo("dose with S_K 0.7600 U per seed on 2026-11-24 (calibration date;"
                + " no implant date stated: not decayed)");

        for (JsonNode listed : physicist.get("/api/patients/" + f.patient().id()).json().get("plans")) {
            assertThat(listed.get("doseNotDecayed").asBoolean()).as("patient page row of %s", listed.get("name")).isEqualTo(listed.get("id").asLong() == r.planId());
        }

        String body = "{\"planId\":" + r.planId() + ",\"revision\":1,\"postOpSeriesUid\":\"" + f.postOpSeriesUid() + "\"";
        ApiClient.Answer refused = physicist.post("/api/verifications", body + "}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("implantDate");
        assertThat(refused.body()).contains("calibration date 2026-11-24 but no implant date").contains("give implantDate");
        ApiClient.Answer tooLate = physicist.post("/api/verifications", body + ",\"implantDate\":\"2028-01-01\"}");
        assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(400);
        assertThat(tooLate.json().get("field").asText()).isEqualTo("implantDate");

        ApiClient.Answer started = physicist.post("/api/verifications", body + ",\"implantDate\":\"2026-12-01\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode job = VerificationFixture.finished(physicist, id);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        JsonNode v = job.get("result");
        // 7 days of I-125 (TG-43U1 T½ 59.40 d); 1e-12: the same formula on both sides
        assertThat(v.get("strengthAtImplantU").asDouble()).isCloseTo(0.76 * Math.exp(-Math.log(2) * 7 / 59.40), within(1e-12));
        assertThat(v.get("implantDate").asText()).isEqualTo("2026-12-01");
        assertThat(v.get("strengthLabel").asText()).startsWith("dose with S_K 0.7004 U per seed on 2026-12-01 (implant date;");
        ApiClient.Answer post = physicist.post("/api/verifications/" + id + "/post-plan", "{}");
        assertThat(post.status()).as(post.body()).isEqualTo(201);
        PlanContent recorded = new PlanRevisions(t.db).revision(post.json().get("planId").asLong(), 1).orElseThrow().content();
        assertThat(recorded.implantDate()).as("the post-implant plan keeps the implant date it was dosed for").isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(UndatedImplantRevisions.list(t.db)).hasSize(1);
    }
}
