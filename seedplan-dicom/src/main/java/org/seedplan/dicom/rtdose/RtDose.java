package org.seedplan.dicom.rtdose;

import org.seedplan.dose.DoseGrid;

/**
 * An RT Dose object as read: the file (for messages), the dose grid, its Dose Units (GY: the grid
 * holds Gy; RELATIVE: the grid holds relative values), SOP Instance UID, Patient ID, Study Instance
 * UID, Frame of Reference UID, the referenced plan's SOP Instance UID (empty when none) and the Dose
 * Summation Type.
 */
public record RtDose(String fileName, DoseGrid dose, String doseUnits, String sopInstanceUid, String patientId,
                     String studyInstanceUid, String frameOfReferenceUid, String referencedPlanUid, String summationType) {

    /** The dose grid, refusing relative dose: metrics in Gy need absolute dose. */
    public DoseGrid requireGy(String source) {
        if (!doseUnits.equals("GY")) {
            throw new IllegalArgumentException(source + ": Dose Units are '" + doseUnits
                    + "', not GY: seedplan needs absolute dose in Gy; export the total plan dose in Gy");
        }
        return dose;
    }
}
