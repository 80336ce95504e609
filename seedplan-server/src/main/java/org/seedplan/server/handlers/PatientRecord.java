package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seedplan.server.api.Json;
import org.seedplan.storage.Database;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;

/**
 * The patient page as JSON: the patient's fields and version, and its lesions, DICOM studies (with
 * series), plans (newest revision of each), implants and visits, read in one transaction.
 */
final class PatientRecord {

    private final Database db;

    PatientRecord(Database db) {
        this.db = db;
    }

    ObjectNode page(Patient p) {
        PatientData d = p.data();
        ObjectNode o = Json.MAPPER.valueToTree(d);
        o.put("id", p.id());
        o.put("version", p.version());
        db.read(tx -> {
            ArrayNode lesions = o.putArray("lesions");
            tx.query("SELECT * FROM lesion WHERE patient_id = ? ORDER BY label", r -> lesions.addObject().put("id", r.longValue("id"))
                    .put("label", r.string("label")).put("organ", r.string("organ")).put("site", r.string("site"))
                    .put("nodal", r.bool("nodal")).put("target", r.bool("target"))
                    .put("baselineLongestMm", r.doubleOrNull("baseline_longest_mm")).put("baselineShortAxisMm", r.doubleOrNull("baseline_short_axis_mm"))
                    .put("baselineViableMm", r.doubleOrNull("baseline_viable_mm")).put("version", r.longValue("version")), p.id());
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
                    + " r.d90_gy, r.v100_percent, r.seed_count FROM plan pl JOIN plan_revision r ON r.plan_id = pl.id"
                    + " LEFT JOIN app_user u ON u.id = r.approved_by"
                    + " WHERE pl.patient_id = ? AND r.revision = (SELECT MAX(r2.revision) FROM plan_revision r2 WHERE r2.plan_id = pl.id) ORDER BY pl.id",
                    r -> plans.addObject().put("id", r.longValue("id")).put("name", r.string("name")).put("revision", r.intValue("revision"))
                            .put("status", r.string("status"))
                            .put("approvedBy", r.string("approved_by_name") != null ? r.string("approved_by_name") : r.string("approver"))
                            .put("approvedAt", r.string("approved_at")).put("prescriptionGy", r.doubleOrNull("prescription_gy"))
                            .put("d90Gy", r.doubleOrNull("d90_gy")).put("v100Percent", r.doubleOrNull("v100_percent"))
                            .put("seedCount", r.intValue("seed_count")), p.id());
            ArrayNode implants = o.putArray("implants");
            tx.query("SELECT * FROM implant WHERE patient_id = ? ORDER BY implant_date, id", r -> implants.addObject().put("id", r.longValue("id"))
                    .put("implantDate", r.date("implant_date").toString()).put("planRevisionId", r.longOrNull("plan_revision_id"))
                    .put("seedCount", r.intOrNull("seed_count")).put("seedActivityMCi", r.doubleOrNull("seed_activity_mci"))
                    .put("postopStudyUid", r.string("postop_study_uid")).put("postD90Gy", r.doubleOrNull("post_d90_gy"))
                    .put("postV100Percent", r.doubleOrNull("post_v100_percent")).put("version", r.longValue("version")), p.id());
            ArrayNode visits = o.putArray("visits");
            tx.query("SELECT * FROM visit WHERE patient_id = ? ORDER BY visit_date, id", r -> visits.addObject().put("id", r.longValue("id"))
                    .put("visitDate", r.date("visit_date").toString()).put("monthsSinceImplant", r.doubleOrNull("months_since_implant"))
                    .put("nrsPain", r.intOrNull("nrs_pain")).put("kps", r.intOrNull("kps")).put("newLesion", r.boolOrNull("new_lesion"))
                    .put("nonTarget", r.string("non_target")).put("version", r.longValue("version")), p.id());
            return null;
        });
        return o;
    }
}
