package org.seedplan.dicom.ct;

import java.util.List;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.geometry.Volume;

/**
 * A CT series read into a volume in HU, with the identifiers other DICOM objects refer to.
 * {@code sliceSopInstanceUids} holds one SOP Instance UID per grid slice k (grid order, +z).
 */
public record CtSeries(Volume volume, PatientInfo patient, String studyInstanceUid, String seriesInstanceUid,
                       String frameOfReferenceUid, String patientPosition, List<String> sliceSopInstanceUids) {

    public CtSeries {
        sliceSopInstanceUids = List.copyOf(sliceSopInstanceUids);
    }
}
