package org.seedplan.dicom;

import java.util.List;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Structure;

/**
 * Everything one DICOM export of a seed plan holds: patient, CT volume (HU), structures, seeds
 * grouped by needle, seed model, prescription (Gy, to the structure named {@code targetName}; NaN
 * for none) and the total dose (Gy).
 */
public record PlanSet(PatientInfo patient, Volume ct, List<Structure> structures, List<List<Seed>> needles,
                      SeedSourceInfo source, double prescriptionGy, String targetName, DoseGrid dose) {

    public PlanSet {
        structures = List.copyOf(structures);
        needles = needles.stream().map(List::copyOf).toList();
    }
}
