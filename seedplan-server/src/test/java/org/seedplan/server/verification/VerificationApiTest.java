package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.TestServer;
import org.seedplan.storage.account.Role;

/**
 * Verification through the API on a rendered post-op CT: all four seeds found and matched 1 mm from their plan
 * (the fixture's shift; tolerance 0.5 mm, a fifth of a voxel-limited seed centre fit), the post-plan recorded as a
 * DRAFT plan of the found seeds and approved with the e-signature; a run is private to its starter; with the plan
 * screen's intent, supplementary seeds are proposed that raise the CTV's D90 (the fixture's 4 seeds leave it far below).
 */
class VerificationApiTest extends ServerPerClass {

    @Test
    void theRenderedImplantIsFoundMatchedAndItsPostPlanApproved() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        String id = f.run(physicist, true);
        JsonNode job = physicist.get("/api/verifications/" + id).json();
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        JsonNode r = job.get("result");
        // Four clear seeds, as many as planned, no other metal: the finder has nothing for the clinician to check first.
        assertThat(r.get("selfCheck")).as(r.path("selfCheck").toString()).isNotNull().isEmpty();
        assertThat(r.get("found")).hasSize(4);
        assertThat(r.get("matches")).hasSize(4);
        assertThat(r.get("missing")).isEmpty();
        assertThat(r.get("extra")).isEmpty();
        for (JsonNode m : r.get("matches")) {
            assertThat(m.get("distanceMm").asDouble()).isBetween(0.5, 1.5);
        }
        assertThat(r.get("structures").get(0).get("name").asText()).isEqualTo("CTV");
        assertThat(r.get("dvhPost").get(0).get("doseGy")).isNotEmpty();

        assertThat(t.signedIn(Role.PHYSICIAN, true).get("/api/verifications/" + id).status()).as("another user's run").isEqualTo(404);

        ApiClient.Answer plan = physicist.post("/api/verifications/" + id + "/post-plan", "{}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long planId = plan.json().get("planId").asLong();
        JsonNode rev = physicist.get("/api/plans/" + planId + "/revisions/1").json();
        assertThat(rev.get("status").asText()).isEqualTo("DRAFT");
        assertThat(rev.get("seedCount").asInt()).isEqualTo(4);
        assertThat(rev.get("ctSeriesUid").asText()).isEqualTo(f.postOpSeriesUid());
        // its stored metrics are the post-implant ones of the first target, and say so
        assertThat(rev.get("metricsStructure").asText()).isEqualTo("CTV");
        ApiClient.Answer approved = physicist.post("/api/plans/" + planId + "/revisions/1/approval", "{\"printedName\":\""
                + t.usersA.get(Role.PHYSICIST).displayName() + "\",\"password\":\"" + TestServer.PASSWORD + "\",\"meaning\":\"approved for treatment\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aPlanFromTheIntentFormGetsSupplementarySeedsThatRaiseTheCtvD90() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a, VerificationFixture.INTENT_FORM);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        JsonNode job = physicist.get("/api/verifications/" + f.run(physicist, true)).json();
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        JsonNode r = job.get("result");
        assertThat(r.has("supplement")).as(r.path("supplementNote").asText()).isTrue();
        JsonNode sp = r.get("supplement");
        assertThat(sp.get("seeds").size()).isPositive();
        assertThat(sp.get("d90")).as("one entry per target of the intent").hasSize(1);
        JsonNode ctv = sp.get("d90").get(0);
        assertThat(ctv.get("structure").asText()).isEqualTo("CTV");
        assertThat(ctv.get("afterGy").asDouble()).isGreaterThan(ctv.get("beforeGy").asDouble());
    }

    @Test
    void aPostOpCtOfAnotherPatientIsRefusedNamingIt() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        VerificationFixture other = VerificationFixture.create(t, w, t.a);
        ApiClient.Answer a = t.signedIn(Role.PHYSICIST, true).post("/api/verifications", "{\"planId\":" + f.planId()
                + ",\"revision\":1,\"postOpSeriesUid\":\"" + other.postOpSeriesUid() + "\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("postOpSeriesUid");
    }
}
