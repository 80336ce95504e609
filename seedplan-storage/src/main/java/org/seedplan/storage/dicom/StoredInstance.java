package org.seedplan.storage.dicom;

/**
 * A DICOM object kept by the file store.
 *
 * @param patientDbId       the patient's database id
 * @param studyInstanceUid  Study Instance UID
 * @param seriesInstanceUid Series Instance UID
 * @param sopInstanceUid    SOP Instance UID
 * @param modality          Modality (CT, RTSTRUCT, RTPLAN, RTDOSE …)
 * @param filePath          path of the file relative to the data folder
 * @param sha256            SHA-256 of the file (hex)
 * @param sizeBytes         file size
 * @param alreadyStored     true when the identical object was stored before (nothing new written)
 */
public record StoredInstance(long patientDbId, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
                             String modality, String filePath, String sha256, long sizeBytes, boolean alreadyStored) {
}
