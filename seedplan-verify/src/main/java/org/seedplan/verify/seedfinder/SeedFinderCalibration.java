package org.seedplan.verify.seedfinder;

/**
 * What the seed finder learned from the scan: soft-tissue level, metal level, the threshold used,
 * and the single-seed appearance learned from isolated seeds.
 *
 * @param backgroundHu        median CT number of soft tissue (voxels between −200 and 300 HU)
 * @param metalLevelHu        peak of a seed not thinned by partial volume (upper decile of the bright objects' peaks)
 * @param thresholdHu         the metal threshold: half-way between background and metal level
 * @param singleSeedVolumeMm3 median volume above threshold of the isolated seeds
 * @param psfSigmaInPlaneMm   learned in-plane σ of the scan's point-spread function
 * @param psfSigmaAxialMm     learned axial σ (slice-sensitivity profile)
 * @param isolatedSeedsUsed   how many isolated seeds the appearance was learned from (0: default used)
 */
public record SeedFinderCalibration(double backgroundHu, double metalLevelHu, double thresholdHu,
                                    double singleSeedVolumeMm3, double psfSigmaInPlaneMm, double psfSigmaAxialMm,
                                    int isolatedSeedsUsed) {
}
