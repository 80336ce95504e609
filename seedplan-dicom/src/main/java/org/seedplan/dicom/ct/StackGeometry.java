package org.seedplan.dicom.ct;

import java.util.Locale;

/**
 * How a CT stack lay in the patient and what the reader did with it: read as it was (slices along
 * a patient axis, rows and columns along the others) or resampled onto an axial grid from a tilted
 * or sheared stack (slice positions drifting in-plane along the stack) or a rotated image plane.
 *
 * @param resampled             whether the voxels were interpolated onto a new axial grid
 * @param tiltDegrees           angle between the stack's slice-to-slice direction and the slice normal, degrees
 * @param gantryTiltDegrees     Gantry/Detector Tilt (0018,1120) as recorded, degrees (0 when absent)
 * @param inPlaneRotationDegrees rotation of the image rows about the slice normal away from the patient axis, degrees
 * @param driftMm               largest in-plane offset of a slice from the first slice's position, mm
 */
public record StackGeometry(boolean resampled, double tiltDegrees, double gantryTiltDegrees, double inPlaneRotationDegrees,
                            double driftMm) {

    /** A stack read as it was: no tilt, no rotation. */
    public static final StackGeometry AXIS_ALIGNED = new StackGeometry(false, 0, 0, 0, 0);

    /** One line for reports: what the stack was and whether it was resampled. */
    public String describe() {
        if (!resampled) {
            return "axis-aligned stack, read without resampling";
        }
        return String.format(Locale.ROOT, "resampled onto an axial grid (bilinear in each slice plane, -1000 HU outside the"
                + " acquired slices) from a stack tilted %.2f° (Gantry/Detector Tilt %.2f°), in-plane rotation %.2f°,"
                + " slices drifting up to %.2f mm", tiltDegrees, gantryTiltDegrees, inPlaneRotationDegrees, driftMm);
    }
}
