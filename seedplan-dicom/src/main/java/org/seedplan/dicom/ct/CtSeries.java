package org.seedplan.dicom.ct;

import java.util.List;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.geometry.Volume;

/**
 * A CT series read into a volume in HU, with the identifiers other DICOM objects refer to.
 * {@code sliceSopInstanceUids} holds one SOP Instance UID per grid slice k (grid order, +z);
 * {@code geometry} says whether the volume was resampled from a tilted, sheared or rotated stack.
 */
public record CtSeries(Volume volume, PatientInfo patient, String studyInstanceUid, String seriesInstanceUid,
                       String frameOfReferenceUid, String patientPosition, List<String> sliceSopInstanceUids,
                       StackGeometry geometry) {

    public CtSeries {
        sliceSopInstanceUids = List.copyOf(sliceSopInstanceUids);
    }

    /** A series read from an axis-aligned stack, without resampling. */
    public CtSeries(Volume volume, PatientInfo patient, String studyInstanceUid, String seriesInstanceUid,
                    String frameOfReferenceUid, String patientPosition, List<String> sliceSopInstanceUids) {
        this(volume, patient, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid, patientPosition, sliceSopInstanceUids,
                StackGeometry.AXIS_ALIGNED);
    }
}
