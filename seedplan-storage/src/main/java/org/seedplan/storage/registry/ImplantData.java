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
 * @param plannedMetricsStructure the structure (ROI name) the planned metrics are of; {@code null} when it was not recorded
 *                             (rows stored before migration V011, cohort tables without the column): never guessed
 * @param verified             metrics verified on the post-operative CT
 * @param verifiedMetricsStructure the structure (ROI name) the verified metrics are of; {@code null} when it was not recorded
 *                             (rows stored before migration V012): never guessed
 * @param verifiedSource       the verification run the verified metrics were saved from (V013); {@code null} when they were
 *                             typed in, or stored before V013
 */
public record ImplantData(long patientId, Long planRevisionId, LocalDate implantDate, Integer seedCount, Double seedActivityMCi,
                          Double ageYears, Boolean hyperthermia, Double baselineTumourMarker, String postopStudyUid,
                          ImplantMetrics planned, String plannedMetricsStructure, ImplantMetrics verified,
                          String verifiedMetricsStructure, PostMetricsSource verifiedSource) {

    /** An implant whose post-operative metrics (if any) were not saved from a verification run. */
    public ImplantData(long patientId, Long planRevisionId, LocalDate implantDate, Integer seedCount, Double seedActivityMCi,
                       Double ageYears, Boolean hyperthermia, Double baselineTumourMarker, String postopStudyUid,
                       ImplantMetrics planned, String plannedMetricsStructure, ImplantMetrics verified, String verifiedMetricsStructure) {
        this(patientId, planRevisionId, implantDate, seedCount, seedActivityMCi, ageYears, hyperthermia, baselineTumourMarker,
                postopStudyUid, planned, plannedMetricsStructure, verified, verifiedMetricsStructure, null);
    }

    public ImplantData {
        Objects.requireNonNull(implantDate, "implant: implantDate is required");
        planned = planned == null ? ImplantMetrics.NONE : planned;
        verified = verified == null ? ImplantMetrics.NONE : verified;
        if (plannedMetricsStructure != null && plannedMetricsStructure.isBlank()) {
            throw new IllegalArgumentException("implant " + implantDate + ": the planned metrics' structure name is blank;"
                    + " give the ROI name the planned metrics were computed for, or none");
        }
        if (verifiedMetricsStructure != null && verifiedMetricsStructure.isBlank()) {
            throw new IllegalArgumentException("implant " + implantDate + ": the post-operative metrics' structure name is blank;"
                    + " give the ROI name the verified metrics were computed for, or none");
        }
        if (seedCount != null && seedCount < 0) {
            throw new IllegalArgumentException("implant " + implantDate + ": seedCount " + seedCount + " is negative");
        }
    }

    /** The planned metrics' structure as stored, or "structure not recorded": never a guess. */
    public String plannedStructureOrNotRecorded() {
        return plannedMetricsStructure == null ? "structure not recorded" : plannedMetricsStructure;
    }

    /** The verified metrics' structure as stored, or "structure not recorded": never a guess. */
    public String verifiedStructureOrNotRecorded() {
        return verifiedMetricsStructure == null ? "structure not recorded" : verifiedMetricsStructure;
    }

    /** This implant with the post-operative metrics {@code metrics} of {@code structure}, saved from {@code source}. */
    public ImplantData withVerified(ImplantMetrics metrics, String structure, PostMetricsSource source) {
        return new ImplantData(patientId, planRevisionId, implantDate, seedCount, seedActivityMCi, ageYears, hyperthermia,
                baselineTumourMarker, postopStudyUid, planned, plannedMetricsStructure, metrics, structure, source);
    }

    /** Whether any post-operative figure is stored. */
    public boolean hasVerified() {
        return !verified.equals(ImplantMetrics.NONE);
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
        m.put("planned_metrics_structure", plannedMetricsStructure);
        m.putAll(verified.columns("post_"));
        m.put("post_metrics_structure", verifiedMetricsStructure);
        m.put("post_metrics_run_id", verifiedSource == null ? null : verifiedSource.verificationRunId());
        m.put("post_metrics_engine", verifiedSource == null ? null : verifiedSource.doseEngine());
        m.put("post_metrics_run_at", verifiedSource == null ? null : verifiedSource.runFinishedAt());
        return m;
    }
}
