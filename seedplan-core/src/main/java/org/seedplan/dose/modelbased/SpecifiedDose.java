package org.seedplan.dose.modelbased;

import java.util.Arrays;
import org.seedplan.dose.DoseGrid;

/**
 * A dose grid with the dose it is ({@link DoseSpecification}) and, for a Monte Carlo dose, the 1σ relative
 * statistical uncertainty of each voxel (null for TG-43, which has none) and the same dose from each of the run's
 * independent groups of histories alone, in Gy, with each group's photons (null for TG-43): what {@link MetricUncertainty}
 * takes the metrics' σ from.
 */
public record SpecifiedDose(DoseGrid dose, DoseSpecification specification, float[] relativeUncertainty, float[][] groupDoseGy,
                            long[] groupPhotons) {

    public SpecifiedDose {
        if (relativeUncertainty != null && relativeUncertainty.length != dose.doseGy().length) {
            throw new IllegalArgumentException(relativeUncertainty.length + " uncertainties for a dose grid of " + dose.doseGy().length
                    + " voxels");
        }
        if (specification != DoseSpecification.TG43_WATER && (relativeUncertainty == null || groupDoseGy == null)) {
            throw new IllegalArgumentException(specification.label() + " dose without its per-voxel uncertainty and groups of histories:"
                    + " a model-based dose is reported with its statistical uncertainty");
        }
        if (groupDoseGy != null && (groupPhotons == null || groupPhotons.length != groupDoseGy.length)) {
            throw new IllegalArgumentException(groupDoseGy.length + " groups of histories need as many photon counts");
        }
        if (groupDoseGy != null && groupDoseGy.length < 2) {
            throw new IllegalArgumentException(groupDoseGy.length + " group of histories: the σ of dose metrics needs at least 2");
        }
        if (groupPhotons != null && Arrays.stream(groupPhotons).anyMatch(n -> n <= 0)) {
            throw new IllegalArgumentException("a group of histories without photons (" + Arrays.toString(groupPhotons)
                    + "): every group must hold photons");
        }
        if (groupDoseGy != null) {
            for (float[] g : groupDoseGy) {
                if (g.length != dose.doseGy().length) {
                    throw new IllegalArgumentException("a group's dose has " + g.length + " voxels for a dose grid of "
                            + dose.doseGy().length);
                }
            }
        }
    }
}
