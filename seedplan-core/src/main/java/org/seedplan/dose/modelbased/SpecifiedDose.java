package org.seedplan.dose.modelbased;

import org.seedplan.dose.DoseGrid;

/**
 * A dose grid with the dose it is ({@link DoseSpecification}) and, for a Monte Carlo dose, the 1σ relative
 * statistical uncertainty of each voxel (null for TG-43, which has none).
 */
public record SpecifiedDose(DoseGrid dose, DoseSpecification specification, float[] relativeUncertainty) {

    public SpecifiedDose {
        if (relativeUncertainty != null && relativeUncertainty.length != dose.doseGy().length) {
            throw new IllegalArgumentException(relativeUncertainty.length + " uncertainties for a dose grid of " + dose.doseGy().length
                    + " voxels");
        }
        if (specification != DoseSpecification.TG43_WATER && relativeUncertainty == null) {
            throw new IllegalArgumentException(specification.label() + " dose without its per-voxel uncertainty: a model-based dose"
                    + " is reported with its statistical uncertainty");
        }
    }
}
