package org.seedplan.dicom;

import java.util.List;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Structure;

/**
 * Everything one DICOM export of a seed plan holds: patient, CT volume (HU), structures (the
 * contours the plan was made on), seeds grouped by needle with each needle's tip (patient mm; empty
 * when the seeds come without needles), seed model, prescription (Gy, to the structure named
 * {@code targetName}; NaN for none) and the total dose (Gy).
 */
public record PlanSet(PatientInfo patient, Volume ct, List<Structure> structures, List<List<Seed>> needles,
                      List<Vec3> needleTipsMm, SeedSourceInfo source, double prescriptionGy, String targetName, DoseGrid dose) {

    public PlanSet {
        structures = List.copyOf(structures);
        needles = needles.stream().map(List::copyOf).toList();
        needleTipsMm = List.copyOf(needleTipsMm);
    }

    /** A plan set whose seeds come without needle tips. */
    public PlanSet(PatientInfo patient, Volume ct, List<Structure> structures, List<List<Seed>> needles, SeedSourceInfo source,
                   double prescriptionGy, String targetName, DoseGrid dose) {
        this(patient, ct, structures, needles, List.of(), source, prescriptionGy, targetName, dose);
    }
}
