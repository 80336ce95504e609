package org.seedplan.verify.seedfinder;

import org.junit.jupiter.api.Test;

/**
 * A needle's strand lying steeply through 5 mm box slices, merged into one object, fitted again from its strand's even spacing
 * ({@link SliceCentring#evenAlongStrand}; docs/seed-finder.md, twenty-ninth round, seedneedle11): 18330 (5 mm box 12-bit) four
 * seeds fitted as three 10.6 / 10.9 mm apart (two missed, one false between them), the fit of four from the even spacing lowering
 * the misfit by 0.68 of a seed's energy; 18531 (5 mm box extended) three fitted with two 4.6 mm apart along the line (the middle
 * one 2.81 mm off), refitted from the even spacing it lies 2.49 mm off, within the gate by 0.01 mm: a thin catch, the fit from
 * the even start going back to 2.47 mm below its truth along z. Scans of the independent
 * bench from the seen sets, with the truth of their generator, scored with the 2.5 mm gate; no tolerance: a scan is drawn
 * from its random seed.
 */
class NeedleStrandsEvenlySpacedTest {

    @Test
    void steepStrandsMergedInOneObjectFindEverySeed() {
        // At the start commit a6741d0: 18330 56 of 58 and 1 false, 18531 57 and 1.
        long[][] expected = {{18330, 58, 0}, {18531, 58, 0}};
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm BOX", expected);
    }
}
