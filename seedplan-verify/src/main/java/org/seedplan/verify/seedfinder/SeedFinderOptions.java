package org.seedplan.verify.seedfinder;

/**
 * Settings of the seed finder that come from the seed model, not from the scan.
 *
 * @param seedLengthMm    physical seed length, mm (4.5 for the common I-125 models)
 * @param minMetalHu      a scan whose brightest voxel is below this has no metal, HU
 * @param maxSeedsPerBlob the most seeds one connected blob may hold; larger blobs are other metal
 */
public record SeedFinderOptions(double seedLengthMm, double minMetalHu, int maxSeedsPerBlob) {

    public SeedFinderOptions {
        if (!(seedLengthMm > 0) || !(minMetalHu > 0) || maxSeedsPerBlob < 1) {
            throw new IllegalArgumentException("seed finder options out of range: seed length " + seedLengthMm
                    + " mm, metal level " + minMetalHu + " HU, seeds per blob " + maxSeedsPerBlob);
        }
    }

    /** 4.5 mm seeds, metal above 2000 HU, at most 12 seeds in one blob. */
    public static SeedFinderOptions defaults() {
        return new SeedFinderOptions(4.5, 2000, 12);
    }
}
