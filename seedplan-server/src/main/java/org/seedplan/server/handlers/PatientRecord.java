package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Database;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.VisitRepository;

/**
 * The patient page as JSON: the patient's fields and version, and its lesions (by label), DICOM studies (with
 * series), plans (newest revision of each), implants and visits (by date); lesions, implants and visits as
 * {@link ClinicalApi} shows them, read through the storage repositories.
 */
final class PatientRecord {

    private final Database db;
    private final LesionRepository lesions;
    private final ImplantRepository implants;
    private final VisitRepository visits;
    private final PlanRevisions plans;

    PatientRecord(Database db) {
        this.db = db;
        this.lesions = new LesionRepository(db);
        this.implants = new ImplantRepository(db);
        this.visits = new VisitRepository(db);
        this.plans = new PlanRevisions(db);
    }

    ObjectNode page(Patient p) {
        PatientData d = p.data();
        ObjectNode o = Json.MAPPER.valueToTree(d);
        o.put("id", p.id());
        o.put("version", p.version());
        ArrayNode lesions = o.putArray("lesions");
        this.lesions.ofPatient(p.id()).stream().sorted(Comparator.comparing(l -> l.data().label()))
                .forEach(l -> lesions.add(ClinicalApi.json(l)));
        db.read(tx -> {
            Map<Long, ObjectNode> studies = new LinkedHashMap<>();
            ArrayNode studyArray = o.putArray("studies");
            tx.query("SELECT * FROM dicom_study WHERE patient_id = ? ORDER BY study_date, id", r -> {
                ObjectNode st = studyArray.addObject().put("id", r.longValue("id")).put("studyInstanceUid", r.string("study_instance_uid"))
                        .put("studyDate", r.date("study_date") == null ? null : r.date("study_date").toString()).put("description", r.string("description"));
                st.putArray("series");
                studies.put(r.longValue("id"), st);
                return st;
            }, p.id());
            tx.query("SELECT se.*, (SELECT COUNT(*) FROM dicom_instance i WHERE i.series_id = se.id) AS n FROM dicom_series se"
                    + " JOIN dicom_study st ON st.id = se.study_id WHERE st.patient_id = ? ORDER BY se.series_number, se.id", r ->
                    ((ArrayNode) studies.get(r.longValue("study_id")).get("series")).addObject().put("id", r.longValue("id"))
                            .put("seriesInstanceUid", r.string("series_instance_uid")).put("modality", r.string("modality"))
                            .put("description", r.string("description")).put("instanceCount", r.longValue("n")), p.id());
            ArrayNode plans = o.putArray("plans");
            tx.query("SELECT pl.id, pl.name, r.revision, r.status, u.display_name AS approver, r.approved_by_name, r.approved_at, r.prescription_gy,"
                    + " r.metrics_structure, r.d90_gy, r.v100_percent, r.seed_count, r.calibration_date, r.implant_date FROM plan pl JOIN plan_revision r ON r.plan_id = pl.id"
                    + " LEFT JOIN app_user u ON u.id = r.approved_by"
                    + " WHERE pl.patient_id = ? AND r.revision = (SELECT MAX(r2.revision) FROM plan_revision r2 WHERE r2.plan_id = pl.id) ORDER BY pl.id",
                    r -> plans.addObject().put("id", r.longValue("id")).put("name", r.string("name")).put("revision", r.intValue("revision"))
                            .put("status", r.string("status"))
                            .put("approvedBy", r.string("approved_by_name") != null ? r.string("approved_by_name") : r.string("approver"))
                            .put("approvedAt", r.string("approved_at")).put("prescriptionGy", r.doubleOrNull("prescription_gy"))
                            // the structure the stored D90/V100 are of; rows stored before V010 did not record it
                            .put("metricsStructure", r.string("metrics_structure") != null ? r.string("metrics_structure") : "structure not recorded")
                            .put("d90Gy", r.doubleOrNull("d90_gy")).put("v100Percent", r.doubleOrNull("v100_percent"))
                            .put("seedCount", r.intValue("seed_count"))
                            // a calibration date without an implant date: the stored D90/V100 are of the undecayed strength
                            .put("doseNotDecayed", r.date("calibration_date") != null && r.date("implant_date") == null), p.id());
            return null;
        });
        ArrayNode implants = o.putArray("implants");
        this.implants.ofPatient(p.id()).forEach(i -> {
            ObjectNode j = ClinicalApi.json(i);
            // where the planned figures came from: the plan revision the implant is recorded against
            Long revisionId = i.data().planRevisionId();
            PlanRevisions.Revision r = revisionId == null ? null : plans.byId(revisionId).orElse(null);
            if (r == null) {
                j.putNull("plannedFrom");
            } else {
                j.putObject("plannedFrom").put("planId", r.planId()).put("planName", r.planName()).put("revision", r.revision())
                        .put("status", r.status().name());
            }
            implants.add(j);
        });
        ArrayNode visits = o.putArray("visits");
        this.visits.ofPatient(p.id()).forEach(v -> visits.add(ClinicalApi.json(v)));
        return o;
    }
}
