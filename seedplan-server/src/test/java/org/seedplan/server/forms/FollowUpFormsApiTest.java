package org.seedplan.server.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.outcomes.hyperthermia.HyperthermiaRules;
import org.seedplan.outcomes.hyperthermia.SessionAnalysis;
import org.seedplan.outcomes.hyperthermia.SessionSummary;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.Patient;

/**
 * The follow-up form routes over HTTP: a response the form computed differently from the server's rules is refused
 * and nothing is stored; refusals name the form field; partial onset dates keep their precision; a stale version
 * is 409; an uploaded temperature log answers the analysis of seedplan-outcomes' SessionAnalysis; study values
 * outside their definition are refused naming the variable, and every change is in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FollowUpFormsApiTest {

    TestServer t;
    FormFixtures ff;
    ApiClient nurse;

    abstract TestDatabases.Kind kind();

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(kind());
        ff = new FormFixtures(t.db);
        nurse = t.signedIn(Role.DATA_ENTRY, true);
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private long lesion(Patient p, String label, double longestMm) {
        ApiClient.Answer a = nurse.post("/api/patients/" + p.id() + "/lesions", "{\"label\":\"" + label + "\",\"organ\":\"liver\",\"nodal\":false,"
                + "\"target\":true,\"baselineLongestMm\":" + longestMm + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    @Test
    void aResponseTheServersRulesDoNotGiveIsRefusedAndNothingIsStored() {
        Patient p = ff.implanted(t.a.id());
        long l1 = lesion(p, "L1", 40);
        long l2 = lesion(p, "L2", 30);
        // 28 + 21 = 49 mm of 70 mm: −30 % exactly, PR by RECIST 1.1 §4.3.1 (≥ 30 % decrease)
        String visit = "{\"visitDate\":\"2026-11-20\",\"measurements\":[{\"lesionId\":" + l1 + ",\"longestMm\":28},{\"lesionId\":" + l2
                + ",\"longestMm\":21}],\"response\":{\"criterion\":\"RECIST_1_1\",\"target\":\"SD\",\"overall\":\"SD\"}}";
        ApiClient.Answer refused = nurse.post("/api/patients/" + p.id() + "/visit-forms", visit);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("response");
        assertThat(refused.json().get("detail").asText()).contains("the server's rules give target PR, overall PR (sum 49.0 mm, nadir 70.0 mm)");
        assertThat(nurse.get("/api/patients/" + p.id() + "/follow-up").json().get("visits")).isEmpty();

        ApiClient.Answer saved = nurse.post("/api/patients/" + p.id() + "/visit-forms", visit.replace("\"SD\"", "\"PR\""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("responses").get("RECIST_1_1").get("overall").asText()).isEqualTo("PR");
        List<AuditEvent> audit = new AuditTrail(t.db).forEntity("visit", saved.json().get("id").asLong());
        assertThat(audit).extracting(AuditEvent::field).contains("visit_date", "measurement " + l1 + " longest_mm");
    }

    @Test
    void refusalsNameTheFormFieldTheyConcern() {
        Patient p = ff.implanted(t.a.id());
        long l1 = lesion(p, "L1", 40);
        Map<String, String> cases = Map.of(
                "{\"visitDate\":\"2026-11-31\"}", "visitDate",
                "{\"visitDate\":\"2026-11-20\",\"nrsPain\":11}", "nrsPain",
                "{\"visitDate\":\"2026-11-20\",\"kps\":85}", "kps",
                "{\"visitDate\":\"2026-11-20\",\"measurements\":[{\"lesionId\":" + l1 + ",\"longestMm\":30,\"viableMm\":35}]}",
                "measurements." + l1 + ".viableMm",
                "{\"visitDate\":\"2026-11-20\",\"qlqC30\":{\"29\":8}}", "qlqC30.29",
                "{\"visitDate\":\"2026-11-20\",\"labs\":[{\"name\":\"AFP\",\"value\":-1,\"unit\":\"ng/mL\"}]}", "labs.0.value");
        cases.forEach((body, field) -> {
            ApiClient.Answer a = nurse.post("/api/patients/" + p.id() + "/visit-forms", body);
            assertThat(a.status()).as(body).isEqualTo(400);
            assertThat(a.json().get("field").asText()).as(body).isEqualTo(field);
        });
        ApiClient.Answer grade = nurse.post("/api/patients/" + p.id() + "/adverse-events", "{\"term\":\"Pain\",\"grade\":6,\"scale\":\"RTOG\"}");
        assertThat(grade.json().get("field").asText()).isEqualTo("grade");
        assertThat(grade.json().get("detail").asText()).isEqualTo("grade 6 is outside 1–5; give the RTOG grade 1–5");
        ApiClient.Answer onset = nurse.post("/api/patients/" + p.id() + "/adverse-events",
                "{\"onsetDate\":\"2026-13\",\"term\":\"Pain\",\"grade\":1,\"scale\":\"CTCAE_5\"}");
        assertThat(onset.json().get("field").asText()).isEqualTo("onsetDate");
        ApiClient.Answer early = nurse.post("/api/patients/" + p.id() + "/progressions", "{\"date\":\"2026-09-30\",\"type\":\"LOCAL\"}");
        assertThat(early.json().get("field").asText()).isEqualTo("date");
        assertThat(early.json().get("detail").asText()).isEqualTo("the date of the progression 2026-09-30 is before the implant (2026-10-01)");
        assertThat(nurse.get("/api/patients/" + p.id() + "/follow-up").json().get("adverseEvents")).isEmpty();
    }

    @Test
    void anAdverseEventKeepsTheOnsetPrecisionAndAStaleEditIsAConflict() {
        Patient p = ff.implanted(t.a.id());
        ApiClient.Answer a = nurse.post("/api/patients/" + p.id() + "/adverse-events",
                "{\"onsetDate\":\"2026-10\",\"term\":\"Pneumothorax\",\"grade\":2,\"scale\":\"CTCAE_5\",\"attribution\":\"PROBABLE\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("onsetDate").asText()).isEqualTo("2026-10");
        long id = a.json().get("id").asLong();
        assertThat(nurse.put("/api/adverse-events/" + id, "{\"version\":1,\"onsetDate\":\"2026-10-04\",\"term\":\"Pneumothorax\",\"grade\":3,"
                + "\"scale\":\"CTCAE_5\"}").status()).isEqualTo(200);
        ApiClient.Answer stale = nurse.put("/api/adverse-events/" + id, "{\"version\":1,\"term\":\"Pneumothorax\",\"grade\":1,\"scale\":\"CTCAE_5\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("field").asText()).isEqualTo("version");
        assertThat(new AuditTrail(t.db).forEntity("adverse_event", id)).filteredOn(e -> e.action().equals("UPDATE"))
                .extracting(AuditEvent::field).containsExactlyInAnyOrder("onset_date", "grade", "attribution", "onset_precision");
    }

    @Test
    void anUploadedTemperatureLogAnswersTheSessionAnalysisOfOutcomes() throws Exception {
        Patient p = ff.implanted(t.a.id());
        Path log = FormFixtures.thermometryLog(t.folder("thermometry"));
        ApiClient.Answer a = nurse.multipart("/api/patients/" + p.id() + "/hyperthermia", Map.of("session", "1", "start", "2026-10-02T09:00"),
                List.of(log));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        List<TemperatureSample> samples = Files.readAllLines(log).stream().skip(1).map(l -> l.split(","))
                .map(c -> new TemperatureSample(Double.parseDouble(c[0]), Integer.parseInt(c[1]), Double.parseDouble(c[2]))).toList();
        SessionSummary expected = new SessionAnalysis(HyperthermiaRules.standard())
                .summarise(new HyperthermiaSession("x", 1, LocalDateTime.of(2026, 10, 2, 9, 0), samples));
        JsonNode analysis = a.json().get("analysis");
        // the same computation on the same stored doubles: equal exactly
        assertThat(analysis.get("t90C").asDouble()).isEqualTo(expected.t90C());
        assertThat(analysis.get("cem43T90Min").asDouble()).isEqualTo(expected.cem43T90());
        assertThat(analysis.get("minutesInRange").asDouble()).isEqualTo(expected.minutesInRange());
        assertThat(a.json().get("samples").asInt()).isEqualTo(samples.size());
        ApiClient.Answer again = nurse.multipart("/api/patients/" + p.id() + "/hyperthermia", Map.of("session", "1", "start", "2026-10-03T09:00"),
                List.of(log));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("field").asText()).isEqualTo("session");
    }

    @Test
    void studyValuesOutsideTheirDefinitionAreRefusedNamingTheVariable() {
        Patient p = ff.implanted(t.a.id());
        long afp = ff.variable(t.a.id(), "afp_baseline").id();
        ApiClient.Answer refused = nurse.put("/api/study-values", "{\"variableId\":" + afp + ",\"recordId\":" + p.id() + ",\"value\":\"-3\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("afp_baseline");
        ApiClient.Answer ok = nurse.put("/api/study-values", "{\"variableId\":" + afp + ",\"recordId\":" + p.id() + ",\"value\":\"412.5\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        ApiClient.Answer changed = nurse.put("/api/study-values", "{\"variableId\":" + afp + ",\"recordId\":" + p.id()
                + ",\"value\":\"380\",\"version\":1,\"reason\":\"lab re-run\"}");
        assertThat(changed.json().get("version").asLong()).isEqualTo(2);
        assertThat(nurse.get("/api/patients/" + p.id() + "/study-values").json().get(0).get("value").asText()).isEqualTo("380");
        // an administrator defines; a data-entry user may not
        ApiClient.Answer define = nurse.post("/api/research-studies/" + ff.study(t.a.id()).id() + "/variables",
                "{\"name\":\"x1\",\"label\":\"X\",\"type\":\"YES_NO\",\"level\":\"PATIENT\"}");
        assertThat(define.status()).isEqualTo(403);
        ApiClient.Answer badLevels = t.signedIn(Role.ADMINISTRATOR, true).post("/api/research-studies/" + ff.study(t.a.id()).id() + "/variables",
                "{\"name\":\"x1\",\"label\":\"X\",\"type\":\"CATEGORY\",\"levels\":[\"a\"],\"level\":\"PATIENT\"}");
        assertThat(badLevels.status()).isEqualTo(400);
        assertThat(badLevels.json().get("field").asText()).isEqualTo("levels");
    }
}
