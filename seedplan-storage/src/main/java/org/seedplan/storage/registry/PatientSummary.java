package org.seedplan.storage.registry;

import java.time.LocalDate;

/**
 * One row of the patient list.
 *
 * @param id               database id
 * @param centreId         centre id
 * @param centreCode       centre code
 * @param patientId        hospital patient ID
 * @param familyName       family name
 * @param givenName        given name
 * @param sex              M, F, O or {@code null}
 * @param birthDate        date of birth or {@code null}
 * @param diagnosis        diagnosis or {@code null}
 * @param lesionCount      lesions recorded
 * @param studyCount       DICOM studies stored
 * @param latestPlanStatus status of the newest plan revision, or {@code null} without plans
 */
public record PatientSummary(long id, long centreId, String centreCode, String patientId, String familyName,
                             String givenName, String sex, LocalDate birthDate, String diagnosis, long lesionCount,
                             long studyCount, String latestPlanStatus) {
}
