package org.seedplan.verify.scanner;

import java.util.Set;

/**
 * What simulated post-operative CT to make for the seed-finding bench: the grid, the scanner, how
 * many needle tracks of seeds, which other metal implants, whether a previous implant's seeds are
 * present, and the random seed that makes the scan reproducible. Every scan also holds a touching
 * end-to-end pair, a side-by-side pair, a clump of three, a seed touching the vertebra, a seed
 * migrated into the lung, a seed 2 mm beside each screw or stent, and three calcifications.
 *
 * @param nx              columns (pixels of {@code pixelMm}; the field of view must be at least 160 mm)
 * @param ny              rows
 * @param pixelMm         pixel size, mm
 * @param nz              slices
 * @param sliceMm         slice spacing, mm (and the slice thickness, unless the scanner model has its own: overlapping slices)
 * @param scanner         how the scanner images
 * @param needles         needle tracks of 4 seeds each, 7–10 mm apart
 * @param otherMetal      implants to draw: SCREW, STENT, COIL, CLIP, WIRE
 * @param previousImplant whether 6 seeds of an earlier implant lie beside the new one
 * @param randomSeed      seed of the random generator (same value, same scan)
 */
public record BenchScanSpec(int nx, int ny, double pixelMm, int nz, double sliceMm, ScannerModel scanner, int needles,
                            Set<DenseObject.Kind> otherMetal, boolean previousImplant, long randomSeed) {

    public BenchScanSpec {
        otherMetal = Set.copyOf(otherMetal);
        if (nz < 4 || !(sliceMm > 0) || !(pixelMm > 0) || needles < 1) {
            throw new IllegalArgumentException("bench scan needs at least 4 slices, positive spacing and one needle, got " + nz
                    + " slices of " + sliceMm + " mm, pixels of " + pixelMm + " mm, " + needles + " needles");
        }
        for (DenseObject.Kind k : otherMetal) {
            if (k == DenseObject.Kind.SEED || k == DenseObject.Kind.CALCIFICATION) {
                throw new IllegalArgumentException("other metal of a bench scan: " + k + " is not an implant;"
                        + " give SCREW, STENT, COIL, CLIP or WIRE");
            }
        }
    }

    /** The test scan: 200 × 200 pixels of 0.8 mm, 72 mm long, 12 needles (about 56 seeds). */
    public static BenchScanSpec test(double sliceMm, ScannerModel scanner, Set<DenseObject.Kind> otherMetal, long randomSeed) {
        return new BenchScanSpec(200, 200, 0.8, (int) Math.round(72 / sliceMm), sliceMm, scanner, 12, otherMetal, false,
                randomSeed);
    }

    /** The benchmark scan of the verification issue: 320 × 320 × 56 (0.8 × 0.8 × 2.5 mm), 14 needles, a screw. */
    public static BenchScanSpec benchmark(ScannerModel scanner, long randomSeed) {
        return new BenchScanSpec(320, 320, 0.8, 56, 2.5, scanner, 14, Set.of(DenseObject.Kind.SCREW), false, randomSeed);
    }
}
