package org.seedplan.dvh;

import java.util.List;

/**
 * The dose metrics of a plan or implant: the prescription (Gy) and one {@link StructureMetrics}
 * per structure, shaped like the metrics JSON {"prescription_gy", "structures": […]}; the
 * prescription isodose volume (PIV, cc, the whole dose grid receiving ≥ the prescription) is kept
 * beside them for reports.
 */
public record PlanMetrics(double prescriptionGy, double prescriptionIsodoseVolumeCc, List<StructureMetrics> structures) {

    public PlanMetrics {
        structures = List.copyOf(structures);
    }
}
