package org.seedplan.dicom;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * The identity shared by every object of one exported study: patient, Study Instance UID, Frame
 * of Reference UID and the creation date-time written as study, series and content dates.
 */
public record StudyContext(PatientInfo patient, String studyInstanceUid, String frameOfReferenceUid, LocalDateTime created) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    /** Manufacturer written into every object. */
    public static final String MANUFACTURER = "seedplan";

    /** A new study for the patient with fresh UIDs, created now. */
    public static StudyContext newStudy(PatientInfo patient) {
        return new StudyContext(patient, Uids.newUid(), Uids.newUid(), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public String date() {
        return DATE.format(created);
    }

    public String time() {
        return TIME.format(created);
    }

    /**
     * Starts a data set with the modules every seedplan object shares: SOP Common, Patient, General
     * Study, the series (General/RT Series), Frame of Reference and General Equipment (PS3.3 C.7, C.8.8.1, C.12.1).
     */
    public DataSet.Builder start(String sourceName, String sopClassUid, String sopInstanceUid, String modality,
                                 String seriesInstanceUid, int seriesNumber) {
        return DataSet.builder(sourceName)
                .put(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192")
                .put(Tag.INSTANCE_CREATION_DATE, date())
                .put(Tag.INSTANCE_CREATION_TIME, time())
                .put(Tag.SOP_CLASS_UID, sopClassUid)
                .put(Tag.SOP_INSTANCE_UID, sopInstanceUid)
                .put(Tag.STUDY_DATE, date())
                .put(Tag.STUDY_TIME, time())
                .put(Tag.ACCESSION_NUMBER, "")
                .put(Tag.MODALITY, modality)
                .put(Tag.MANUFACTURER, MANUFACTURER)
                .put(Tag.REFERRING_PHYSICIAN_NAME, "")
                .put(Tag.OPERATORS_NAME, "")
                .put(Tag.MANUFACTURER_MODEL_NAME, "seedplan")
                .put(Tag.PATIENT_NAME, patient.name())
                .put(Tag.PATIENT_ID, patient.id())
                .put(Tag.PATIENT_BIRTH_DATE, patient.birthDate())
                .put(Tag.PATIENT_SEX, patient.sex())
                .put(Tag.SOFTWARE_VERSIONS, Uids.IMPLEMENTATION_VERSION)
                .put(Tag.STUDY_INSTANCE_UID, studyInstanceUid)
                .put(Tag.SERIES_INSTANCE_UID, seriesInstanceUid)
                .put(Tag.STUDY_ID, "1")
                .numbers(Tag.SERIES_NUMBER, seriesNumber)
                .put(Tag.FRAME_OF_REFERENCE_UID, frameOfReferenceUid)
                .put(Tag.POSITION_REFERENCE_INDICATOR, "");
    }
}
