package org.seedplan.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.forms.FormFixtures;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.Patient;

/**
 * {@code PUT /api/visits/{id}} edits a visit's target-lesion measurements as the visit form does: what the body names
 * changes, the rest stays; a bad measurement is refused with problem details naming the form field, nothing stored;
 * the change is audited with old and new value and the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisitEditApiTest {

    private TestServer t;
    private FormFixtures ff;
    private ApiClient nurse;

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(TestDatabases.Kind.SQLITE);
        ff = new FormFixtures(t.db);
        nurse = t.signedIn(Role.DATA_ENTRY, true);
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void aMeasurementEditedByPutIsStoredAuditedAndReadBack() {
        Patient p = ff.implanted(t.a.id());
        long l1 = lesion(p, "L1", 40);
        long l2 = lesion(p, "L2", 30);
        JsonNode visit = created(nurse.post("/api/patients/" + p.id() + "/visit-forms", "{\"visitDate\":\"2026-11-20\",\"nrsPain\":4,"
                + "\"measurements\":[{\"lesionId\":" + l1 + ",\"longestMm\":28},{\"lesionId\":" + l2 + ",\"longestMm\":21}]}"));
        long id = visit.get("id").asLong();

        ApiClient.Answer edited = nurse.put("/api/visits/" + id, "{\"version\":" + visit.get("version").asLong() + ",\"measurements\":[{\"lesionId\":"
                + l1 + ",\"longestMm\":26.5,\"viableMm\":12},{\"lesionId\":" + l2 + ",\"longestMm\":21}],\"reason\":\"re-measured on the CT\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("nrsPain").asInt()).as("a field the body does not name stays").isEqualTo(4);
        assertThat(edited.json().get("measurements")).hasSize(2);

        JsonNode stored = nurse.get("/api/patients/" + p.id() + "/follow-up").json().get("visits").get(0);
        JsonNode m1 = measurement(stored, l1);
        assertThat(m1.get("longestMm").asDouble()).isEqualTo(26.5);
        assertThat(m1.get("viableMm").asDouble()).isEqualTo(12);
        assertThat(measurement(stored, l2).get("longestMm").asDouble()).isEqualTo(21);
        assertThat(stored.get("nrsPain").asInt()).isEqualTo(4);
        List<AuditEvent> audit = new AuditTrail(t.db).forEntity("visit", id);
        assertThat(audit).filteredOn(e -> e.action().equals("UPDATE") && e.field().equals("measurement " + l1 + " longest_mm"))
                .singleElement().satisfies(e -> {
                    assertThat(Double.parseDouble(e.oldValue())).isEqualTo(28);
                    assertThat(Double.parseDouble(e.newValue())).isEqualTo(26.5);
                    assertThat(e.reason()).isEqualTo("re-measured on the CT");
                });
    }

    @Test
    void aBadMeasurementGetsProblemDetailsNamingTheFieldAndNothingChanges() {
        Patient p = ff.implanted(t.a.id());
        long l1 = lesion(p, "L1", 40);
        JsonNode visit = created(nurse.post("/api/patients/" + p.id() + "/visits", "{\"visitDate\":\"2026-11-20\",\"nrsPain\":2}"));
        long id = visit.get("id").asLong();
        String put = "{\"version\":" + visit.get("version").asLong() + ",\"measurements\":[{\"lesionId\":" + l1 + ",\"longestMm\":%s,\"viableMm\":%s}]}";

        ApiClient.Answer viableTooLong = nurse.put("/api/visits/" + id, String.format(put, "20", "25"));
        assertThat(viableTooLong.status()).isEqualTo(400);
        assertThat(viableTooLong.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(viableTooLong.json().get("field").asText()).isEqualTo("measurements." + l1 + ".viableMm");
        assertThat(viableTooLong.json().get("detail").asText()).contains("25.0 mm is larger than the whole lesion's 20.0 mm");

        ApiClient.Answer negative = nurse.put("/api/visits/" + id, String.format(put, "-3", "null"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").asText()).isEqualTo("measurements." + l1 + ".longestMm");

        ApiClient.Answer otherLesion = nurse.put("/api/visits/" + id, "{\"version\":1,\"measurements\":[{\"lesionId\":999999,\"longestMm\":10}]}");
        assertThat(otherLesion.status()).isEqualTo(400);
        assertThat(otherLesion.json().get("field").asText()).isEqualTo("measurements");

        JsonNode stored = nurse.get("/api/patients/" + p.id() + "/follow-up").json().get("visits").get(0);
        assertThat(stored.get("measurements")).isEmpty();
        assertThat(stored.get("version").asLong()).isEqualTo(visit.get("version").asLong());
    }

    private long lesion(Patient p, String label, double longestMm) {
        return created(nurse.post("/api/patients/" + p.id() + "/lesions", "{\"label\":\"" + label + "\",\"organ\":\"liver\",\"nodal\":false,"
                + "\"target\":true,\"baselineLongestMm\":" + longestMm + "}")).get("id").asLong();
    }

    private static JsonNode created(ApiClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    private static JsonNode measurement(JsonNode visit, long lesionId) {
        for (JsonNode m : visit.get("measurements")) {
            if (m.get("lesionId").asLong() == lesionId) {
                return m;
            }
        }
        throw new AssertionError("no measurement of lesion " + lesionId + " in " + visit);
    }
}
