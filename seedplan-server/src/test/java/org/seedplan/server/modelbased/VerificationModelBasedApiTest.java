package org.seedplan.server.modelbased;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seedplan.server.modelbased.ModelBasedRuns.awaitTransport;
import static org.seedplan.server.modelbased.ModelBasedRuns.poll;
import static org.seedplan.server.modelbased.ModelBasedRuns.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.plan.PlanRevisions;

/**
 * The model-based dose of a verification through the JSON API (on SQLite and PostgreSQL: the subclasses), on the verification fixture (four 6711 seeds found in a water CT,
 * a 20 mm square CTV): a run reports progress and ends with the TG-43 vs Dm,m comparison of the found seeds; it is stored for that
 * verification and seed set only (another verification shows none), audited, cancellable, and refused for another centre. In water
 * the Monte Carlo D90 must agree with TG-43 within 10 % plus 3σ (the engine's normalisation is −3.6 % against the consensus Λ,
 * four seeds shadow each other by under 1 %, docs/model-based-dose.md); the comparison's TG-43 D90 (2 mm grid) must lie within 5 %
 * of the verification's own post-implant D90 (1 mm grid): the same seeds and strength, only the grid differs (the square CTV's
 * edge voxels on 2 mm move D90 by a few per cent).
 */
abstract class VerificationModelBasedApiTest extends ServerPerClass {

    @Test
    void aRunOfTheFoundSeedsIsStoredForItsVerificationOnlyAndRefusedToAnotherCentre() throws Exception {
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        String job = f.run(physicist, true);
        JsonNode verification = physicist.get("/api/verifications/" + job).json().get("result");
        String path = "/api/verifications/" + job + "/model-based";
        JsonNode before = physicist.get(path).json();
        assertThat(before.get("result").isNull()).as("nothing computed yet").isTrue();

        ApiClient.Answer started = physicist.post(path, "{\"photons\":300000,\"uncertaintyPct\":3}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runPath = path + "/" + started.json().get("id").asText();
        assertThat(t.signedIn(Role.PHYSICIST, false).get(runPath).status()).as("centre B polls A's run").isEqualTo(404);
        assertThat(t.signedIn(Role.PHYSICIST, false).post(path, "{}").status()).as("centre B starts on A's verification").isEqualTo(404);
        List<Double> progress = new ArrayList<>();
        JsonNode run = poll(physicist, runPath, progress);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("done");
        assertThat(progress).as("progress seen while running").isNotEmpty().allMatch(p -> p >= 0 && p <= 1);

        JsonNode r = run.get("result");
        assertThat(r.get("specification").asText()).isEqualTo("Dm,m");
        assertThat(r.get("tg43Label").asText()).isEqualTo("TG-43 (Dw,w)");
        assertThat(r.get("seedCount").asInt()).isEqualTo(verification.get("found").size()).isEqualTo(4);
        assertThat(r.get("strengthAtImplantU").asDouble()).as("the strength the verification dosed with")
                .isEqualTo(verification.get("strengthAtImplantU").asDouble());
        assertThat(r.get("uncertaintyNote").asText()).contains("the verification's dose of record");
        assertThat(r.get("verificationKey").asText()).isEqualTo(before.get("verificationKey").asText());
        assertThat(r.get("foundSeedsKey").asText()).isEqualTo(before.get("foundSeedsKey").asText());
        JsonNode d90 = row(r, "CTV", "D90");
        assertThat(d90.get("sigma").asDouble()).as("1σ of D90").isPositive();
        assertThat(Math.abs(d90.get("modelBased").asDouble() - d90.get("tg43").asDouble()))
                .as("water: Monte Carlo D90 vs TG-43 " + d90).isLessThan(0.10 * d90.get("tg43").asDouble() + 3 * d90.get("sigma").asDouble());
        double postD90 = postMetric(verification, "CTV", "d_pct_gy.90");
        assertThat(d90.get("tg43").asDouble()).as("TG-43 D90 of the comparison vs the verification's post-implant D90 " + postD90)
                .isCloseTo(postD90, org.assertj.core.data.Percentage.withPercentage(5));

        JsonNode stored = physicist.get(path).json().get("result");
        assertThat(stored).as("stored for this verification").isNotNull();
        assertThat(stored.get("computedBy").asText()).isEqualTo(t.usersA.get(Role.PHYSICIST).username());
        assertThat(physicist.get("/api/verifications/" + f.run(physicist, true) + "/model-based").json().get("result").get("foundSeedsKey")
                .asText()).as("the same verification run again finds the same seeds and shows the result").isEqualTo(r.get("foundSeedsKey").asText());

        VerificationFixture other = VerificationFixture.create(t, w, t.a);
        String otherJob = other.run(physicist, true);
        assertThat(physicist.get("/api/verifications/" + otherJob + "/model-based").json().get("result").isNull())
                .as("another verification never shows this one's result").isTrue();
        assertThat(physicist.get("/api/verifications/" + otherJob + "/model-based/" + started.json().get("id").asText()).status())
                .as("the run through another verification").isEqualTo(404);
        assertThat(t.signedIn(Role.PHYSICIAN, true).get(path).status()).as("a verification is its starter's").isEqualTo(404);

        PlanRevisions.Revision rev = new PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow();
        List<String> actions = t.services.audit().forEntity("plan_revision", rev.id()).stream().map(AuditEvent::action).toList();
        assertThat(actions).contains("VERIFICATION_MODEL_BASED_DOSE_START", "VERIFICATION_MODEL_BASED_DOSE");
        List<AuditEvent> runRows = t.services.audit().forEntity("model_based_run", started.json().get("id").asText());
        assertThat(runRows).extracting(AuditEvent::action)
                .containsExactly("VERIFICATION_MODEL_BASED_DOSE_RUN_START", "VERIFICATION_MODEL_BASED_DOSE_RUN_DONE");
        assertThat(runRows).allSatisfy(e -> assertThat(e.newValue()).contains("verification run " + job + " (4 seeds found)")
                .contains("post-op CT series " + f.postOpSeriesUid()));
        assertThat(runRows.get(1).newValue()).contains("Dm,m: CTV D90 ").contains("CTV V100 ");
        // listed by patient beside the verification runs (docs/server.md); another centre's auditor is not told the patient exists
        String runId = started.json().get("id").asText();
        String ofPatient = "/api/audit?patientId=" + f.patient().id();
        List<String> patientRows = ModelBasedRuns.auditRows(t.signedIn(Role.MONITOR, true), ofPatient);
        assertThat(patientRows).contains(job + " VERIFICATION_START", job + " VERIFICATION_DONE")
                .containsSubsequence(runId + " VERIFICATION_MODEL_BASED_DOSE_RUN_START", runId + " VERIFICATION_MODEL_BASED_DOSE_RUN_DONE");
        assertThat(ModelBasedRuns.auditRows(t.signedIn(Role.MONITOR, true), ofPatient + "&entity=model_based_run")).containsExactly(
                runId + " VERIFICATION_MODEL_BASED_DOSE_RUN_START", runId + " VERIFICATION_MODEL_BASED_DOSE_RUN_DONE");
        assertThat(t.signedIn(Role.MONITOR, false).get(ofPatient).status()).as("centre B's auditor, A's patient").isEqualTo(404);
    }

    @Test
    void aCancelledRunStopsAndStoresNothingAndBadSettingsAreNamed() throws Exception {
        ApiClient physician = t.signedIn(Role.PHYSICIAN, true);
        String path = "/api/verifications/" + VerificationFixture.create(t, w, t.a).run(physician, true) + "/model-based";
        ApiClient.Answer bad = physician.post(path, "{\"photons\":5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("photons");
        // a composition for a structure the verification does not have, or an unknown material: the field named
        ApiClient.Answer structure = physician.post(path, "{\"photons\":20000,\"tissues\":[{\"structure\":\"Liver\",\"material\":\"liver\"}]}");
        assertThat(structure.status()).isEqualTo(400);
        assertThat(structure.json().get("field").asText()).isEqualTo("tissues[0].structure");
        assertThat(structure.json().get("detail").asText()).contains("[CTV]");
        ApiClient.Answer soft = physician.post(path, "{\"photons\":20000,\"softTissue\":\"Leber\"}");
        assertThat(soft.json().get("field").asText()).isEqualTo("softTissue");
        ApiClient.Answer started = physician.post(path, "{\"photons\":200000000,\"uncertaintyPct\":0.5,\"specification\":\"dw,m\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runPath = path + "/" + started.json().get("id").asText();
        assertThat(awaitTransport(physician, runPath).get("step").asText()).as("the run reached the transport").startsWith("Monte Carlo transport");
        ApiClient.Answer cancel = physician.delete(runPath, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        JsonNode run = poll(physician, runPath, new ArrayList<>());
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("cancelled");
        assertThat(physician.get(path).json().get("result").isNull()).isTrue();
    }

    private static double postMetric(JsonNode verification, String structure, String key) {
        for (JsonNode s : verification.get("structures")) {
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
}
