package org.seedplan.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.Patient;

/**
 * An implant recorded in the workstation against a plan revision: an approved (signed) revision's stored D90, D100, V100,
 * V150, target volume and seed count are copied with their structure (the revision's {@code metrics_structure}), audited
 * with a reason naming the revision; a draft gives none; planned figures a client sends that are not the revision's are
 * refused naming the field, and nothing is stored. Post-operative figures are saved with their structure
 * ({@code postMetricsStructure}, V012); an older row reads "structure not recorded". SQLite here, PostgreSQL in
 * {@link ImplantPlannedMetricsApiPostgresTest}.
 */
class ImplantPlannedMetricsApiTest extends ServerPerClass {

    /** A revision's metrics as the planner stores them (Gy, %, cm³), of the CTV. */
    private static final PlanContent.Metrics METRICS = new PlanContent.Metrics("CTV", 132.5, 98.0, 96.1, 40.2, 18.7, 12.3);

    private record Planned(Patient patient, PlanRevisions.Revision revision) {
    }

    /** A new patient with a plan of {@link #METRICS}: revision 1, approved by the physicist of centre A when {@code approve}. */
    private Planned plan(boolean approve) throws Exception {
        Object[] pc = w.patientWithCt(t.a);
        Patient p = (Patient) pc[0];
        PlanContent c = World.content((String) pc[1]);
        PlanContent withMetrics = new PlanContent(c.intentJson(), c.ctSeriesUid(), c.prescriptionGy(), c.sourceModelKey(), c.strengthU(),
                c.calibrationDate(), c.implantDate(), c.needles(), c.seeds(), METRICS);
        PlanRevisions plans = new PlanRevisions(t.db);
        PlanRevisions.Revision r = plans.createPlan(Actor.SYSTEM, p.id(), "Plan " + UUID.randomUUID().toString().substring(0, 4), withMetrics,
                t.clock.instant());
        if (approve) {
            var physicist = t.usersA.get(Role.PHYSICIST);
            r = plans.approve(new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, t.a.id(), null), r.planId(), 1,
                    physicist.displayName(), Instant.now());
        }
        return new Planned(p, r);
    }

    private ApiClient.Answer record(Planned p, String extra) {
        return t.signedIn(Role.PHYSICIAN, true).post("/api/patients/" + p.patient().id() + "/implants",
                "{\"implantDate\":\"2026-12-05\",\"seedCount\":4,\"planRevisionId\":" + p.revision().id() + extra + "}");
    }

    private long implantsOf(Patient p) {
        return new ImplantRepository(t.db).ofPatient(p.id()).size();
    }

    @Test
    void anImplantOfAnApprovedRevisionTakesItsStoredMetricsAndStructureAndTheAuditSaysWhence() throws Exception {
        Planned p = plan(true);
        ApiClient.Answer a = record(p, "");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode j = a.json();
        assertThat(j.get("plannedD90Gy").asDouble()).isEqualTo(132.5); // copied, not recomputed: exactly the stored figure
        assertThat(j.get("plannedV100Percent").asDouble()).isEqualTo(96.1);
        assertThat(j.get("plannedMetricsStructure").asText()).isEqualTo("CTV");
        ImplantData d = new ImplantRepository(t.db).find(j.get("id").asLong()).orElseThrow().data();
        assertThat(d.planned().d100Gy()).isEqualTo(98.0);
        assertThat(d.planned().v150Percent()).isEqualTo(40.2);
        assertThat(d.planned().ptvCc()).isEqualTo(12.3);
        assertThat(d.planned().seedCount()).isEqualTo(4); // the revision's four seeds
        String note = "planned metrics copied from approved plan " + p.revision().planId() + " revision 1";
        assertThat(new AuditTrail(t.db).forEntity("implant", j.get("id").asLong()))
                .filteredOn(e -> e.field() != null && e.field().startsWith("planned_"))
                .extracting(AuditEvent::field)
                .contains("planned_d90_gy", "planned_v100_percent", "planned_metrics_structure");
        assertThat(new AuditTrail(t.db).forEntity("implant", j.get("id").asLong()))
                .filteredOn(e -> "planned_d90_gy".equals(e.field()))
                .singleElement().satisfies(e -> {
                    assertThat(e.newValue()).isEqualTo("132.5");
                    assertThat(e.reason()).contains(note).contains("CTV");
                });
        assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
    }

    @Test
    void aDraftRevisionGivesNoPlannedMetrics() throws Exception {
        Planned p = plan(false);
        ApiClient.Answer a = record(p, "");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.json().get("plannedD90Gy").isNull()).isTrue();
        assertThat(a.json().get("plannedV100Percent").isNull()).isTrue();
        assertThat(new ImplantRepository(t.db).find(a.json().get("id").asLong()).orElseThrow().data().plannedMetricsStructure()).isNull();
    }

    @Test
    void plannedFiguresThatAreNotTheRevisionsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        Planned approved = plan(true);
        for (String[] bad : new String[][] {{",\"plannedD90Gy\":140.0", "plannedD90Gy"}, {",\"plannedV100Percent\":90", "plannedV100Percent"},
                {",\"plannedMetricsStructure\":\"PTV\"", "plannedMetricsStructure"}}) {
            ApiClient.Answer a = record(approved, bad[0]);
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.json().get("field").asText()).isEqualTo(bad[1]);
            assertThat(a.body()).contains("approved plan " + approved.revision().planId() + " revision 1");
        }
        assertThat(implantsOf(approved.patient())).isZero();
        // the revision's own figures echoed back are accepted
        ApiClient.Answer echo = record(approved, ",\"plannedD90Gy\":132.5,\"plannedV100Percent\":96.1,\"plannedMetricsStructure\":\"CTV\"");
        assertThat(echo.status()).as(echo.body()).isEqualTo(201);

        Planned draft = plan(false);
        ApiClient.Answer a = record(draft, ",\"plannedD90Gy\":132.5");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("plannedD90Gy");
        assertThat(a.body()).contains("DRAFT").contains("planRevisionId");
        assertThat(implantsOf(draft.patient())).isZero();
    }

    @Test
    void theImplantsOwnJsonEchoedBackIsAcceptedAndItsPlannedFiguresCannotBeChanged() throws Exception {
        // an implant with planned figures but no revision (as a cohort import stores them) and no structure recorded
        Planned p = plan(false);
        long id = t.db.inTransaction(tx -> tx.insert("INSERT INTO implant (patient_id, implant_date, planned_d90_gy, planned_v100_percent,"
                + " version) VALUES (?, ?, 128.4, 94.1, 1)", p.patient().id(), java.time.LocalDate.parse("2026-05-04")));
        ApiClient client = t.signedIn(Role.PHYSICIAN, true);
        JsonNode shown = client.get("/api/patients/" + p.patient().id()).json().get("implants").get(0);
        assertThat(shown.get("plannedMetricsStructure").asText()).isEqualTo("structure not recorded");
        var echo = (com.fasterxml.jackson.databind.node.ObjectNode) shown.deepCopy();
        echo.put("seedCount", 12);
        ApiClient.Answer ok = client.put("/api/implants/" + id, echo.toString());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("plannedD90Gy").asDouble()).isEqualTo(128.4);

        echo.put("version", ok.json().get("version").asLong()).put("plannedD90Gy", 135.0);
        ApiClient.Answer changed = client.put("/api/implants/" + id, echo.toString());
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("field").asText()).isEqualTo("plannedD90Gy");
        assertThat(new ImplantRepository(t.db).find(id).orElseThrow().data().planned().d90Gy()).isEqualTo(128.4);
    }

    @Test
    void aRevisionOfAnotherPatientIsRefused() throws Exception {
        Planned mine = plan(true);
        Planned theirs = plan(true);
        ApiClient.Answer a = t.signedIn(Role.PHYSICIAN, true).post("/api/patients/" + mine.patient().id() + "/implants",
                "{\"implantDate\":\"2026-12-05\",\"planRevisionId\":" + theirs.revision().id() + "}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("planRevisionId");
        assertThat(implantsOf(mine.patient())).isZero();
    }

    @Test
    void movingAnImplantToADraftRevisionDropsTheCopiedFigures() throws Exception {
        Planned p = plan(true);
        JsonNode created = record(p, "").json();
        PlanRevisions.Revision draft = new PlanRevisions(t.db).addRevision(Actor.SYSTEM, p.revision().planId(), p.revision().content(),
                "replanned", t.clock.instant());
        ApiClient.Answer a = t.signedIn(Role.PHYSICIAN, true).put("/api/implants/" + created.get("id").asLong(),
                "{\"version\":" + created.get("version").asLong() + ",\"planRevisionId\":" + draft.id() + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("plannedD90Gy").isNull()).isTrue();
        assertThat(new ImplantRepository(t.db).find(created.get("id").asLong()).orElseThrow().data().plannedMetricsStructure()).isNull();
    }

    @Test
    void postOperativeFiguresAreSavedWithTheirStructureAndAnOlderRowSaysItWasNotRecorded() throws Exception {
        long older = w.implant(t.a); // as stored before V012
        ApiClient client = t.signedIn(Role.PHYSICIAN, true);
        ApiClient.Answer without = client.put("/api/implants/" + older, "{\"version\":1,\"postD90Gy\":131.4,\"postV100Percent\":94.2}");
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.json().get("field").asText()).isEqualTo("postMetricsStructure");
        assertThat(new ImplantRepository(t.db).find(older).orElseThrow().data().verified().d90Gy()).isNull();

        ApiClient.Answer saved = client.put("/api/implants/" + older,
                "{\"version\":1,\"postD90Gy\":131.4,\"postV100Percent\":94.2,\"postMetricsStructure\":\"CTV\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("postMetricsStructure").asText()).isEqualTo("CTV");
        assertThat(new AuditTrail(t.db).forEntity("implant", older)).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("post_metrics_structure");
            assertThat(e.newValue()).isEqualTo("CTV");
        });

        long untouched = w.implant(t.a);
        t.db.inTransaction(tx -> tx.update("UPDATE implant SET post_d90_gy = 120.0 WHERE id = ?", untouched));
        JsonNode shown = client.get("/api/patients/" + new ImplantRepository(t.db).find(untouched).orElseThrow().data().patientId()).json()
                .get("implants").get(0);
        assertThat(shown.get("postMetricsStructure").asText()).isEqualTo("structure not recorded");
        // echoed back whole: "structure not recorded" is not stored as if it were an ROI name
        var echo = (com.fasterxml.jackson.databind.node.ObjectNode) shown.deepCopy();
        echo.put("seedCount", 7);
        ApiClient.Answer ok = client.put("/api/implants/" + untouched, echo.toString());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(new ImplantRepository(t.db).find(untouched).orElseThrow().data().verifiedMetricsStructure()).isNull();
        echo.put("version", ok.json().get("version").asLong()).put("postD90Gy", 121.0);
        ApiClient.Answer changed = client.put("/api/implants/" + untouched, echo.toString());
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("field").asText()).isEqualTo("postMetricsStructure");
    }
}
