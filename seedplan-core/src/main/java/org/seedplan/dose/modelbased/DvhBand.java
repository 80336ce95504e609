package org.seedplan.dose.modelbased;

/**
 * The statistical 1σ band of one structure's cumulative DVH of a Monte Carlo dose: at each dose of the axis the
 * volume (% of the structure) receiving at least that dose, from the reported dose, and its 1σ from the spread of the
 * run's independent groups of histories, by {@link MetricUncertainty}'s half-samples (the same replicates as the metrics' σ).
 *
 * <p>Why this band, and not the two other ways one might draw it: shifting every voxel to its dose ± 1σ together treats
 * the voxels' errors as fully correlated and draws the band of a dose scaled by 1 ± u, about √n too wide for a structure
 * whose DVH at a dose is decided by n independent voxels near it; varying each voxel independently by its own σ (the
 * bootstrap used until issue 17's "mcsigma" session) leaves out the correlation a photon's track and a seed's photons
 * bring to neighbouring voxels, and was up to 3.7 times too narrow on the demo's metrics. The groups of
 * histories keep whatever correlation the transport makes and pushes it through the same DVH code (mask fractions,
 * sub-voxel sampling) as the reported curve; for independent voxels it gives the binomial spread
 * Var V(D) = Σ w²·p(1−p), p = P(dose ≥ D).
 *
 * @param structure the structure's name
 * @param doseGy the dose axis, Gy, ascending from 0
 * @param volumePct V(D) of the reported Monte Carlo dose at each dose, %
 * @param sigmaPct 1σ of V(D) at each dose, percentage points
 */
public record DvhBand(String structure, double[] doseGy, double[] volumePct, double[] sigmaPct) {

    /** Points of a band's dose axis. */
    public static final int POINTS = 161;

    public DvhBand {
        if (doseGy.length != volumePct.length || doseGy.length != sigmaPct.length) {
            throw new IllegalArgumentException("DVH band of '" + structure + "': " + doseGy.length + " doses, " + volumePct.length
                    + " volumes and " + sigmaPct.length + " sigmas; give one of each per dose");
        }
    }

    /** The band's lower edge at point {@code i}: V(D) − 1σ, not below 0 %. */
    public double lowerPct(int i) {
        return Math.max(0, volumePct[i] - sigmaPct[i]);
    }

    /** The band's upper edge at point {@code i}: V(D) + 1σ, not above 100 %. */
    public double upperPct(int i) {
        return Math.min(100, volumePct[i] + sigmaPct[i]);
    }

    /** The widest 1σ of the band, percentage points. */
    public double maxSigmaPct() {
        double m = 0;
        for (double s : sigmaPct) {
            m = Math.max(m, s);
        }
        return m;
    }
}
