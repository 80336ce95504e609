package org.seedplan.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;

/**
 * {@code POST /api/patients/{id}/lesions}, as the patient page's "Add lesion" sends it: the lesion with its baseline diameters
 * and the date they were measured (migration V015) is stored and audited field by field; each bad value is refused with
 * problem details naming its field and nothing stored; a user of another centre cannot add one (404, as for a patient
 * that does not exist). The server's clock is TestServer's, 2026-12-03.
 */
class LesionApiTest extends ServerPerClass {

    private ApiClient nurseA;

    @BeforeAll
    void signIn() {
        nurseA = t.signedIn(Role.DATA_ENTRY, true);
    }

    private static String body(String label, String organ, boolean nodal, String longest, String shortAxis, String date) {
        return "{\"label\":" + label + ",\"organ\":" + organ + ",\"site\":\"segment VII\",\"nodal\":" + nodal + ",\"target\":true,"
                + "\"baselineLongestMm\":" + longest + ",\"baselineShortAxisMm\":" + shortAxis + ",\"baselineDate\":" + date + "}";
    }

    @Test
    void aLesionWithItsBaselineDateIsStoredReadBackAndAudited() {
        Patient p = w.patient(t.a);
        ApiClient.Answer a = nurseA.post("/api/patients/" + p.id() + "/lesions", body("\"L1\"", "\"liver\"", false, "38.4", "null", "\"2026-11-20\""));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        long id = a.json().get("id").asLong();
        assertThat(a.json().get("baselineDate").asText()).isEqualTo("2026-11-20");
        assertThat(a.json().get("baselineLongestMm").asDouble()).isEqualTo(38.4);

        ApiClient.Answer page = nurseA.get("/api/patients/" + p.id());
        assertThat(page.json().get("lesions").get(0).get("baselineDate").asText()).isEqualTo("2026-11-20");
        assertThat(new LesionRepository(t.db).find(id).orElseThrow().data().baselineDate()).hasToString("2026-11-20");

        List<AuditEvent> audit = new AuditTrail(t.db).forEntity("lesion", id);
        assertThat(audit).filteredOn(e -> "baseline_date".equals(e.field())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("CREATE");
            assertThat(e.newValue()).isEqualTo("2026-11-20");
            assertThat(e.username()).isEqualTo("data_entry_a");
            assertThat(e.centreId()).isEqualTo(t.a.id());
        });
    }

    @Test
    void eachBadValueIsRefusedNamingItsFieldAndNothingIsStored() {
        Patient p = w.patient(t.a);
        String path = "/api/patients/" + p.id() + "/lesions";
        // field → a body with only that field wrong, and a word the refusal must hold
        Map<String, List<String>> bad = Map.of(
                "label", List.of(body("\" \"", "\"liver\"", false, "30", "null", "\"2026-11-20\""), "label is required"),
                "organ", List.of(body("\"L2\"", "null", false, "30", "null", "\"2026-11-20\""), "organ is required"),
                "baselineLongestMm", List.of(body("\"L3\"", "\"liver\"", false, "null", "null", "\"2026-11-20\""), "longest diameter"),
                "baselineShortAxisMm", List.of(body("\"N1\"", "\"lymph node\"", true, "null", "12", "\"2026-11-20\""), "15.0 mm"),
                "baselineDate", List.of(body("\"L4\"", "\"liver\"", false, "30", "null", "\"2026-12-24\""), "in the future"));
        bad.forEach((field, example) -> {
            ApiClient.Answer a = nurseA.post(path, example.get(0));
            assertThat(a.status()).as("%s: %s", field, a.body()).isEqualTo(400);
            assertThat(a.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(a.json().get("field").asText()).isEqualTo(field);
            assertThat(a.json().get("detail").asText()).contains(example.get(1));
        });
        // RECIST 1.1 section 3.1.1: under 10 mm a lesion is not measurable, so not a target; a typed date in another order is no date
        ApiClient.Answer small = nurseA.post(path, body("\"L5\"", "\"liver\"", false, "8", "null", "\"2026-11-20\""));
        assertThat(small.json().get("field").asText()).isEqualTo("baselineLongestMm");
        assertThat(small.json().get("detail").asText()).contains("not measurable", "10.0 mm");
        ApiClient.Answer us = nurseA.post(path, body("\"L6\"", "\"liver\"", false, "30", "null", "\"11/20/2026\""));
        assertThat(us.json().get("field").asText()).isEqualTo("baselineDate");
        assertThat(us.json().get("detail").asText()).contains("yyyy-MM-dd");
        assertThat(new LesionRepository(t.db).ofPatient(p.id())).isEmpty();
    }

    @Test
    void aUserOfAnotherCentreCannotAddALesionToThisPatient() {
        Patient inA = w.patient(t.a);
        String lesion = body("\"L1\"", "\"liver\"", false, "30", "null", "\"2026-11-20\"");
        for (Role role : List.of(Role.DATA_ENTRY, Role.PHYSICIAN)) {
            ApiClient ofB = t.signedIn(role, false);
            ApiClient.Answer a = ofB.post("/api/patients/" + inA.id() + "/lesions", lesion);
            assertThat(a.status()).as("%s of centre B: %s", role, a.body()).isEqualTo(404);
        }
        assertThat(new LesionRepository(t.db).ofPatient(inA.id())).isEmpty();
    }

    /**
     * A label another lesion of the patient has is refused naming the field label, on adding and on changing a lesion (the patient
     * page's Edit sends the whole form); the lesion's own label may be sent again. Before: 400 naming no field on adding, and on
     * changing the database's unique constraint (500).
     */
    @Test
    void aLabelTakenByAnotherLesionOfThePatientIsRefusedAtTheLabel() {
        Patient p = w.patient(t.a);
        String path = "/api/patients/" + p.id() + "/lesions";
        assertThat(nurseA.post(path, body("\"L1\"", "\"liver\"", false, "30", "null", "\"2026-11-20\"")).status()).isEqualTo(201);
        ApiClient.Answer second = nurseA.post(path, body("\"L2\"", "\"liver\"", false, "25", "null", "\"2026-11-20\""));
        long l2 = second.json().get("id").asLong();
        ApiClient.Answer again = nurseA.post(path, body("\"L1\"", "\"lung\"", false, "20", "null", "\"2026-11-20\""));
        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.json().get("field").asText()).isEqualTo("label");
        assertThat(again.json().get("detail").asText()).contains("L1 already exists");
        ApiClient.Answer renamed = nurseA.put("/api/lesions/" + l2, "{\"version\":1,\"label\":\"L1\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(400);
        assertThat(renamed.json().get("field").asText()).isEqualTo("label");
        ApiClient.Answer same = nurseA.put("/api/lesions/" + l2, "{\"version\":1,\"label\":\"L2\",\"baselineLongestMm\":26}");
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().get("baselineLongestMm").asDouble()).isEqualTo(26.0);
    }
}
