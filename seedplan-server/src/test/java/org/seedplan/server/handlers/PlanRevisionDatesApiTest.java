package org.seedplan.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import java.time.Instant;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.World;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;

/**
 * A plan revision's calibration and implant dates over HTTP: an implant date far before the calibration date, or one date
 * without the other, is refused with a problem naming the field; a stored revision states its strength at implant.
 */
class PlanRevisionDatesApiTest extends ServerPerClass {

    private ApiClient.Answer create(String dates) {
        long patient = w.patient(t.a).id();
        return t.signedIn(Role.PHYSICIAN, true).post("/api/patients/" + patient + "/plans", "{\"name\":\"dates\",\"sourceModelKey\":\"amersham6711\","
                + "\"strengthU\":0.76,\"prescriptionGy\":120" + dates + ",\"seeds\":[{\"xMm\":0,\"yMm\":0,\"zMm\":2}]}");
    }

    @Test
    void anImplantMonthsBeforeTheCalibrationDateIsRefusedNamingImplantDate() {
        ApiClient.Answer a = create(",\"calibrationDate\":\"2026-12-01\",\"implantDate\":\"2026-09-01\"");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("implantDate");
        assertThat(a.body()).contains("2026-09-01").contains("2026-12-01");
    }

    @Test
    void aCalibrationDateWithoutAnImplantDateIsRefusedNamingTheMissingOne() {
        ApiClient.Answer a = create(",\"calibrationDate\":\"2026-12-01\"");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("implantDate");
        ApiClient.Answer b = create(",\"implantDate\":\"2026-12-01\"");
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.json().get("field").asText()).isEqualTo("calibrationDate");
    }

    @Test
    void aStoredRevisionStatesItsStrengthOnTheImplantDate() {
        ApiClient.Answer a = create(",\"calibrationDate\":\"2026-11-26\",\"implantDate\":\"2026-12-03\"");
        assertThat(a.status()).isEqualTo(201);
        // TG-43U1 I-125 half-life 59.40 d, 7 days; 1e-12: the same formula on both sides
        assertThat(a.json().get("strengthAtImplantU").asDouble()).isCloseTo(0.76 * Math.exp(-Math.log(2) * 7 / 59.40), within(1e-12));
        assertThat(a.json().get("calibrationDate").asText()).isEqualTo("2026-11-26");
        assertThat(a.json().get("implantDate").asText()).isEqualTo("2026-12-03");
    }

    @Test
    void theRtPlansReferenceAirKermaRateIsTheStrengthOnItsSourceStrengthReferenceDate() throws Exception {
        // PS3.3 C.8.8.15: Source Strength Reference Date is the date the Reference Air Kerma Rate refers to
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        byte[] bytes = t.signedIn(Role.PHYSICIST, true).bytes("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        DataSet source = DicomReader.parse(bytes, "export").dataSet().sequence(Tag.SOURCE_SEQUENCE).get(0);
        assertThat(source.requireString(Tag.SOURCE_STRENGTH_REFERENCE_DATE)).isEqualTo("20261201");
        assertThat(source.number(Tag.REFERENCE_AIR_KERMA_RATE).orElseThrow()).isEqualTo(0.76);
    }

    @Test
    void aRevisionWithoutACalibrationDateIsNotExportedWithAGuessedReferenceDate() throws Exception {
        Object[] pc = w.patientWithCt(t.a);
        PlanContent c = World.content((String) pc[1]);
        PlanContent undated = new PlanContent(c.intentJson(), c.ctSeriesUid(), c.prescriptionGy(), c.sourceModelKey(), c.strengthU(), null, null,
                c.needles(), c.seeds(), null);
        PlanRevisions plans = new PlanRevisions(t.db);
        PlanRevisions.Revision r = plans.createPlan(Actor.SYSTEM, ((Patient) pc[0]).id(), "undated", undated, t.clock.instant());
        var physicist = t.usersA.get(Role.PHYSICIST);
        plans.approve(new Actor(physicist.id(), physicist.username(), Role.PHYSICIST, t.a.id(), null), r.planId(), 1, physicist.displayName(),
                Instant.now());
        ApiClient.Answer a = t.signedIn(Role.PHYSICIST, true).get("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.body()).contains("states no calibration date");
    }
}
