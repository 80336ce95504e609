package org.seedplan.storage.dicom;

import java.time.LocalDate;
import java.util.List;

/**
 * A stored DICOM study of a patient with its series (as the patient page lists them).
 *
 * @param id               database id
 * @param studyInstanceUid Study Instance UID
 * @param studyDate        Study Date, or {@code null}
 * @param description      Study Description, or {@code null}
 * @param series           the study's series
 */
public record StudyInfo(long id, String studyInstanceUid, LocalDate studyDate, String description, List<SeriesInfo> series) {

    /**
     * One series of a study.
     *
     * @param id                    database id
     * @param seriesInstanceUid     Series Instance UID
     * @param modality              Modality
     * @param seriesNumber          Series Number, or {@code null}
     * @param description           Series Description, or {@code null}
     * @param frameOfReferenceUid   Frame of Reference UID, or {@code null}
     * @param instanceCount         objects stored
     */
    public record SeriesInfo(long id, String seriesInstanceUid, String modality, Integer seriesNumber, String description,
                             String frameOfReferenceUid, long instanceCount) {
    }
}
