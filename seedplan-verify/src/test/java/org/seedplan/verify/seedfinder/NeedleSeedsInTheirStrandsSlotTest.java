package org.seedplan.verify.seedfinder;

import org.junit.jupiter.api.Test;

/**
 * A needle seed fitted half a slice off along z inside an object of two on thick slices, fitted again from its needle's strand
 * (docs/seed-finder.md, twenty-seventh round, seedneedle9): 17215 (5 mm triangle extended) holds a flat needle seed 1.56 mm above
 * its slice's centre in an object of two, fitted 2.73 mm below its truth; its needle's seeds either side, each alone, put the
 * strand's slot 0.3 mm from it, and the fit from that start lowers the misfit by 0.314 of a seed's energy
 * ({@link SeedFinder#STRAND_START_GAIN} 0.1). A scan of the independent bench from the seen sets, with the truth of its generator,
 * scored with the 2.5 mm gate; no tolerance: the scan is drawn from its random seed.
 */
class NeedleSeedsInTheirStrandsSlotTest {

    @Test
    void theSeenScanFindsItsNeedleSeedFromTheStrandsSlot() {
        // At the start commit a5b2b9c: 17215 57 of 58 and 1 false (the needle seed 2.73 mm off).
        long[][] expected = {{17215, 58, 0}};
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm TRIANGLE", expected);
    }
}
