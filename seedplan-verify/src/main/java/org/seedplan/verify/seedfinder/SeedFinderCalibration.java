package org.seedplan.verify.seedfinder;

/**
 * What the seed finder learned from the scan: soft-tissue level, metal level, the threshold used,
 * and the single-seed appearance learned from isolated seeds.
 *
 * @param backgroundHu        median CT number of soft tissue (voxels between −200 and 300 HU)
 * @param metalLevelHu        peak of a seed not thinned by partial volume: the upper quartile of the seed-sized metal
 *                            objects' peaks, at most 3071 HU (an extended-scale scan is read through the 12-bit window)
 * @param thresholdHu         the metal threshold: 40 % of the way from background to metal level
 * @param singleSeedVolumeMm3 median volume above threshold of the isolated seeds
 * @param psfSigmaInPlaneMm   learned in-plane σ of the scan's point-spread function
 * @param psfSigmaAxialMm     learned axial σ (slice-sensitivity profile)
 * @param isolatedSeedsUsed   how many isolated seeds the appearance was learned from (0: default used)
 * @param seedImageLengthMm   learned length of one seed's image, mm (its marker's length; the capsule's for a uniform seed)
 */
public record SeedFinderCalibration(double backgroundHu, double metalLevelHu, double thresholdHu,
                                    double singleSeedVolumeMm3, double psfSigmaInPlaneMm, double psfSigmaAxialMm,
                                    int isolatedSeedsUsed, double seedImageLengthMm) {
}
