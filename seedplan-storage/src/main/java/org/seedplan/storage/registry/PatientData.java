package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The editable fields of a patient record. Unknown values are {@code null}.
 *
 * @param centreId        the centre the patient belongs to
 * @param patientId       the hospital's patient ID (DICOM Patient ID), unique within the centre
 * @param familyName      family name
 * @param givenName       given name
 * @param sex             "M", "F" or "O"
 * @param birthDate       date of birth
 * @param diagnosis       diagnosis / tumour type, e.g. "HCC", "NSCLC"
 * @param stage           stage as recorded (free text, e.g. "IIIB")
 * @param tnmT            TNM T category
 * @param tnmN            TNM N category
 * @param tnmM            TNM M category
 * @param cnlcStage       China liver cancer stage (CNLC), e.g. "IIa"
 * @param bclcStage       Barcelona Clinic Liver Cancer stage, e.g. "B"
 * @param childPugh       Child-Pugh class A/B/C
 * @param kps             Karnofsky performance status 0–100 at baseline
 * @param ecog            ECOG performance status 0–4 at baseline
 * @param priorTreatments prior treatments, separated by ';'
 * @param deathDate       date of death
 */
public record PatientData(long centreId, String patientId, String familyName, String givenName, String sex,
                          LocalDate birthDate, String diagnosis, String stage, String tnmT, String tnmN, String tnmM,
                          String cnlcStage, String bclcStage, String childPugh, Integer kps, Integer ecog,
                          String priorTreatments, LocalDate deathDate) {

    private static final Set<String> SEXES = Set.of("M", "F", "O");

    public PatientData {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patient: patientId is empty; give the hospital's patient ID");
        }
        patientId = patientId.strip();
        if (patientId.length() > 64) {
            throw new IllegalArgumentException("patient " + patientId + ": patientId is longer than 64 characters (DICOM LO); shorten it");
        }
        if (sex != null && !SEXES.contains(sex)) {
            throw new IllegalArgumentException("patient " + patientId + ": sex '" + sex + "' is not M, F or O; give one of them");
        }
        if (kps != null && (kps < 0 || kps > 100 || kps % 10 != 0)) {
            throw new IllegalArgumentException("patient " + patientId + ": kps " + kps + " is not one of 0, 10, … 100");
        }
        if (ecog != null && (ecog < 0 || ecog > 4)) {
            throw new IllegalArgumentException("patient " + patientId + ": ecog " + ecog + " is outside 0–4");
        }
        if (birthDate != null && deathDate != null && deathDate.isBefore(birthDate)) {
            throw new IllegalArgumentException("patient " + patientId + ": deathDate " + deathDate + " is before birthDate " + birthDate);
        }
    }

    /** The fields by column name (the audit trail compares these). */
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("centre_id", centreId);
        m.put("patient_id", patientId);
        m.put("family_name", familyName);
        m.put("given_name", givenName);
        m.put("sex", sex);
        m.put("birth_date", birthDate);
        m.put("diagnosis", diagnosis);
        m.put("stage", stage);
        m.put("tnm_t", tnmT);
        m.put("tnm_n", tnmN);
        m.put("tnm_m", tnmM);
        m.put("cnlc_stage", cnlcStage);
        m.put("bclc_stage", bclcStage);
        m.put("child_pugh", childPugh);
        m.put("kps", kps);
        m.put("ecog", ecog);
        m.put("prior_treatments", priorTreatments);
        m.put("death_date", deathDate);
        return m;
    }

    /** The text the patient list searches: patient ID, family and given name, lower-cased (any script). */
    public String searchText() {
        return (patientId + " " + (familyName == null ? "" : familyName) + " " + (givenName == null ? "" : givenName))
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** A record with only the required fields set. */
    public static PatientData of(long centreId, String patientId) {
        return new PatientData(centreId, patientId, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** A copy with a new family and given name. */
    public PatientData withName(String family, String given) {
        return new PatientData(centreId, patientId, family, given, sex, birthDate, diagnosis, stage, tnmT, tnmN, tnmM,
                cnlcStage, bclcStage, childPugh, kps, ecog, priorTreatments, deathDate);
    }

    /** A copy with a new date of death. */
    public PatientData withDeathDate(LocalDate date) {
        return new PatientData(centreId, patientId, familyName, givenName, sex, birthDate, diagnosis, stage, tnmT, tnmN, tnmM,
                cnlcStage, bclcStage, childPugh, kps, ecog, priorTreatments, date);
    }
}
