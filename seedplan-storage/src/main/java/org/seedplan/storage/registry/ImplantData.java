package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One seed implantation of a patient.
 *
 * @param patientId            the patient (database id)
 * @param planRevisionId       the plan revision implanted, or {@code null}
 * @param implantDate          day of the implant (day 0 of follow-up)
 * @param seedCount            seeds implanted
 * @param seedActivityMCi      activity per seed, mCi
 * @param ageYears             age at implant, years (as recorded when no birth date is known)
 * @param hyperthermia         hyperthermia given with the implant
 * @param baselineTumourMarker the tumour marker followed (AFP, Tg …) at baseline
 * @param postopStudyUid       Study Instance UID of the post-operative CT
 * @param planned              metrics of the plan
 * @param verified             metrics verified on the post-operative CT
 */
public record ImplantData(long patientId, Long planRevisionId, LocalDate implantDate, Integer seedCount, Double seedActivityMCi,
                          Double ageYears, Boolean hyperthermia, Double baselineTumourMarker, String postopStudyUid,
                          ImplantMetrics planned, ImplantMetrics verified) {

    public ImplantData {
        Objects.requireNonNull(implantDate, "implant: implantDate is required");
        planned = planned == null ? ImplantMetrics.NONE : planned;
        verified = verified == null ? ImplantMetrics.NONE : verified;
        if (seedCount != null && seedCount < 0) {
            throw new IllegalArgumentException("implant " + implantDate + ": seedCount " + seedCount + " is negative");
        }
    }

    /** The fields by column name. */
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("plan_revision_id", planRevisionId);
        m.put("implant_date", implantDate);
        m.put("seed_count", seedCount);
        m.put("seed_activity_mci", seedActivityMCi);
        m.put("age_years", ageYears);
        m.put("hyperthermia", hyperthermia);
        m.put("baseline_tumour_marker", baselineTumourMarker);
        m.put("postop_study_uid", postopStudyUid);
        m.putAll(planned.columns("planned_"));
        m.putAll(verified.columns("post_"));
        return m;
    }
}
