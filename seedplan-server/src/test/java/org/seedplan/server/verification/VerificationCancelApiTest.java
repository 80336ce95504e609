package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.account.Role;

/**
 * Cancelling a verification ({@code DELETE /api/verifications/{jobId}}): refused to a read-only role (403), to another centre's
 * physicist and to another physician of the centre (404, as every verification route for anyone but the starter), none of which
 * stops the run; the starter's cancel ends the run "cancelled", with no result and no post-implant dose, nothing to record as a
 * post-plan or into an implant, no plan written, and the trail's VERIFICATION_CANCELLED row naming who cancelled and where it
 * stopped, found by the patient; the next run of the same implant runs to its end. SQLite here, PostgreSQL in
 * {@link VerificationCancelApiPostgresTest}.
 */
class VerificationCancelApiTest extends ServerPerClass {

    @Test
    void othersCannotCancelARunTheStarterCanAndACancelledRunKeepsNothing() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);

        String first = f.run(physicist, false);
        String path = "/api/verifications/" + first;
        assertThat(t.signedIn(Role.MONITOR, true).delete(path, null).status()).as("a read-only role of the centre").isEqualTo(403);
        assertThat(t.signedIn(Role.PHYSICIST, false).delete(path, null).status()).as("another centre's physicist").isEqualTo(404);
        assertThat(t.signedIn(Role.PHYSICIAN, true).delete(path, null).status()).as("not the run's starter").isEqualTo(404);
        JsonNode firstEnd = VerificationFixture.finished(physicist, first);
        assertThat(firstEnd.get("state").asText()).as("the refused cancels did not stop the run").isEqualTo("done");
        assertThat(firstEnd.get("cancelRequested").asBoolean()).isFalse();

        String patientPage = "/api/patients/" + f.patient().id();
        int plansBefore = physicist.get(patientPage).json().get("plans").size();
        // the cancel goes out as soon as the run is accepted: it is then queued or at its first step, and its work (seed finding,
        // dose, DVHs) takes far longer than one request, so it stops before its end (queued: before it starts)
        String second = f.run(physicist, false);
        ApiClient.Answer cancel = physicist.delete("/api/verifications/" + second, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();
        JsonNode end = VerificationFixture.finished(physicist, second);
        assertThat(end.get("state").asText()).isEqualTo("cancelled");
        assertThat(end.get("step").asText()).isEqualTo("cancelled");
        assertThat(end.has("result")).isFalse();
        assertThat(end.has("error")).isFalse();
        assertThat(physicist.delete("/api/verifications/" + second, null).json().get("state").asText()).as("a second cancel changes nothing")
                .isEqualTo("cancelled");

        // nothing kept and nothing to write from it
        ApiClient.Answer isodoses = physicist.get("/api/verifications/" + second + "/isodoses?axial=0");
        assertThat(isodoses.status()).as(isodoses.body()).isEqualTo(409);
        ApiClient.Answer postPlan = physicist.post("/api/verifications/" + second + "/post-plan", "{}");
        assertThat(postPlan.status()).as(postPlan.body()).isEqualTo(409);
        ApiClient.Answer implant = physicist.post("/api/verifications/" + second + "/implant", "{\"version\":1}");
        assertThat(implant.status()).as(implant.body()).isEqualTo(409);
        assertThat(physicist.get(patientPage).json().get("plans")).as("no plan written").hasSize(plansBefore);

        // the trail: both runs of the patient, the second cancelled by its starter
        JsonNode rows = t.signedIn(Role.MONITOR, true).get("/api/audit?patientId=" + f.patient().id() + "&entity=verification_run").json();
        assertThat(rows).extracting(r -> r.get("entityId").asText() + " " + r.get("action").asText()).containsExactly(
                first + " VERIFICATION_START", first + " VERIFICATION_DONE", second + " VERIFICATION_START", second + " VERIFICATION_CANCELLED");
        // stopped inside the seed finding or the dose ("stopped while …"), or before a later step
        assertThat(rows.get(3).get("newValue").asText()).containsPattern("^cancelled \\(by physicist_a; stopped (while|before) ")
                .contains("patient " + f.patient().id() + ", plan " + f.planId());
        assertThat(rows.get(3).get("username").asText()).isEqualTo("physicist_a");

        // the screen's run button is usable again: the next run of the same implant runs to its end
        assertThat(VerificationFixture.finished(physicist, f.run(physicist, false)).get("state").asText()).isEqualTo("done");
    }
}
