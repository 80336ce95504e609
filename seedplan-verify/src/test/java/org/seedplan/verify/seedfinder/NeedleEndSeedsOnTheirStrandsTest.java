package org.seedplan.verify.seedfinder;

import org.junit.jupiter.api.Test;

/**
 * The end seed of a needle fitted half a slice off along z inside an object of two on thick box slices, fitted again from the line
 * through its needle's next two seeds (docs/seed-finder.md, twenty-eighth round, seedneedle10): 18131 (5 mm box extended) holds a
 * flat needle seed 2.21 mm above its slice's centre, the last of its needle, in an object with a steep seed of another needle
 * across the slice below; fitted 3.35 mm below its truth. Its needle's next two seeds, each alone, put the end slot
 * ({@link SliceCentring#strandEndSlot}) 0.87 mm from it; the fit from there lies 1.05 mm from it and explains the box slices as well
 * as the first (0.007 of a seed's energy better), which on box slices is enough ({@link SeedFinder#STRAND_START_GAIN_BOX}). A scan
 * of the independent bench from the seen sets, with the truth of its generator, scored with the 2.5 mm gate; no tolerance:
 * the scan is drawn from its random seed.
 */
class NeedleEndSeedsOnTheirStrandsTest {

    @Test
    void theSeenScanFindsItsNeedlesEndSeedFromTheLineThroughTheNextTwo() {
        // At the start commit 220a69c: 18131 57 of 58 and 1 false (the end seed 3.35 mm off along z).
        long[][] expected = {{18131, 58, 0}};
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm BOX", expected);
    }
}
