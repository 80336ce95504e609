package org.seedplan.dicom.rtplan;

import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;

/**
 * What an RT Plan for a permanent seed implant states: label, the seeds grouped by needle (each
 * needle's seeds in insertion order), each needle's tip (distal end, patient mm; an empty list when
 * the seeds come without needles), the seed model, and optionally the prescription (Gy) to a target
 * ROI of the referenced structure set (number and name; prescriptionGy NaN for none).
 */
public record SeedPlanExport(String label, List<List<Seed>> needles, List<Vec3> needleTipsMm, SeedSourceInfo source,
                             double prescriptionGy, int targetRoiNumber, String targetRoiName) {

    public SeedPlanExport {
        if (!needleTipsMm.isEmpty() && needleTipsMm.size() != needles.size()) {
            throw new IllegalArgumentException("RT Plan '" + label + "': " + needleTipsMm.size() + " needle tips for "
                    + needles.size() + " needles");
        }
        for (int i = needles.size() - 1; i >= 0; i--) {
            if (needles.get(i).isEmpty() && !needleTipsMm.isEmpty()) {
                throw new IllegalArgumentException("RT Plan '" + label + "': needle " + (i + 1) + " holds no seeds");
            }
        }
        needles = needles.stream().map(List::copyOf).filter(n -> !n.isEmpty()).toList();
        needleTipsMm = List.copyOf(needleTipsMm);
        if (needles.isEmpty()) {
            throw new IllegalArgumentException("RT Plan '" + label + "' has no seeds: a seed plan needs at least one seed");
        }
    }

    /** The tip of the needle holding these seeds, else its first seed's centre. */
    Vec3 tipOf(List<Seed> needle) {
        int i = needles.indexOf(needle);
        return needleTipsMm.isEmpty() || i < 0 ? needle.get(0).centreMm() : needleTipsMm.get(i);
    }
}
