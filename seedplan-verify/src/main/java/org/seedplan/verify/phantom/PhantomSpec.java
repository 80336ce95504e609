package org.seedplan.verify.phantom;

/**
 * What synthetic post-operative CT to make: the image grid, how many seeds in which arrangements,
 * the imaging model and the random seed that makes the phantom reproducible.
 *
 * @param nx              columns
 * @param ny              rows
 * @param pixelMm         pixel size, mm
 * @param nz              slices
 * @param sliceMm         slice thickness and spacing, mm
 * @param needles         needle tracks, each carrying {@code seedsPerNeedle} seeds 10 mm apart
 * @param seedsPerNeedle  seeds per needle track
 * @param touchingPairs   pairs of seeds touching end to end
 * @param clumpsOfThree   clumps of three parallel seeds touching side by side
 * @param implantRadiusMm radius of the sphere around the image centre that holds the implant, mm
 * @param imaging         the scanner model
 * @param randomSeed      seed of the random generator (same value, same phantom)
 */
public record PhantomSpec(int nx, int ny, double pixelMm, int nz, double sliceMm, int needles, int seedsPerNeedle,
                          int touchingPairs, int clumpsOfThree, double implantRadiusMm, ImagingModel imaging,
                          long randomSeed) {

    public PhantomSpec {
        if (nx < 32 || ny < 32 || nz < 4 || !(pixelMm > 0) || !(sliceMm > 0)) {
            throw new IllegalArgumentException("phantom grid must be at least 32 × 32 × 4 with positive spacing, got "
                    + nx + " × " + ny + " × " + nz + " at " + pixelMm + " × " + sliceMm + " mm");
        }
        if (needles < 0 || seedsPerNeedle < 1 || touchingPairs < 0 || clumpsOfThree < 0 || !(implantRadiusMm > 0)) {
            throw new IllegalArgumentException("phantom seed layout must have non-negative counts and a positive implant radius");
        }
    }

    /** Seeds in the phantom. */
    public int seedCount() {
        return needles * seedsPerNeedle + 2 * touchingPairs + 3 * clumpsOfThree;
    }

    /**
     * The test phantom: 160 × 160 pixels of 0.8 mm, 80 mm long, 70 seeds (12 needles of 5, two
     * touching pairs, two clumps of three) within 30 mm of the centre, clinical imaging.
     */
    public static PhantomSpec standard(double sliceMm, long randomSeed) {
        return new PhantomSpec(160, 160, 0.8, (int) Math.round(80 / sliceMm), sliceMm, 12, 5, 2, 2, 30,
                ImagingModel.clinical(), randomSeed);
    }

    /** The benchmark phantom of the verification issue: 320 × 320 × 56 (0.8 × 0.8 × 2.5 mm), 70 seeds. */
    public static PhantomSpec benchmark(long randomSeed) {
        return new PhantomSpec(320, 320, 0.8, 56, 2.5, 12, 5, 2, 2, 35, ImagingModel.clinical(), randomSeed);
    }
}
