package org.seedplan.dose.montecarlo;

import org.seedplan.geometry.Grid;

/**
 * Result on the scoring grid: Dm,m and Dw,m dose RATES (initial, cGy/h, for the seeds' S_K in U) and the 1-σ
 * relative statistical uncertainty per voxel (of Dm,m; Dw,m shares the tracks, its relative uncertainty is the same
 * to first order). Voxels no photon reached have dose 0 and uncertainty 1.
 *
 * @param photons photons emitted
 * @param seconds wall-clock seconds of the transport
 * @param groupDoseRateMediumInMediumCGyPerH Dm,m rate of each group of histories alone (independent groups of the same
 *        number of photons, together the run)
 * @param groupDoseRateWaterInMediumCGyPerH Dw,m rate of each group alone
 * @param groupPhotons photons of each group
 */
public record MonteCarloDose(Grid grid, float[] doseRateMediumInMediumCGyPerH, float[] doseRateWaterInMediumCGyPerH,
        float[] relativeUncertainty, long photons, double seconds, float[][] groupDoseRateMediumInMediumCGyPerH,
        float[][] groupDoseRateWaterInMediumCGyPerH, long[] groupPhotons) {

    public MonteCarloDose {
        int n = grid.voxelCount();
        if (doseRateMediumInMediumCGyPerH.length != n || doseRateWaterInMediumCGyPerH.length != n || relativeUncertainty.length != n) {
            throw new IllegalArgumentException("Monte Carlo dose arrays must have one value per voxel of the " + n + "-voxel grid");
        }
    }
}
