package org.seedplan.dicom.rtplan;

import java.util.List;
import org.seedplan.dose.Seed;

/**
 * What an RT Plan for a permanent seed implant states: label, the seeds grouped by needle (each
 * needle's seeds in insertion order), the seed model, and optionally the prescription (Gy) to a
 * target ROI of the referenced structure set (number and name; prescriptionGy NaN for none).
 */
public record SeedPlanExport(String label, List<List<Seed>> needles, SeedSourceInfo source, double prescriptionGy,
                             int targetRoiNumber, String targetRoiName) {

    public SeedPlanExport {
        needles = needles.stream().map(List::copyOf).filter(n -> !n.isEmpty()).toList();
        if (needles.isEmpty()) {
            throw new IllegalArgumentException("RT Plan '" + label + "' has no seeds: a seed plan needs at least one seed");
        }
    }
}
