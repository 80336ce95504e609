package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A needle with no z fit on 3 mm slices whose end fit reads the axis at the tip more than the 1 mm along z from its slab
 * centroids' curve: two readings of the line's height at the tip that disagree, and the tip is stated the slice it is seen in
 * ({@link NeedleFinder#endFitApartAlongZMm}; docs/needles.md, fortieth round, branch {@code needlesilent22}).
 */
class NeedleFinderEndFitApartTest {

    @Test
    void scan5498Needle6IsStatedAtLeastItsTipErrorAlongZAndItsRightNeighboursAreNot() {
        // Seed 5498 is scan 14 (n = 13) of the draw from 5485 (3 mm Gaussian slices, 12-bit, in-plane FWHM 1.17 mm, noise 19 HU,
        // streaks 265 HU; the thirty-ninth round's fresh draw, seen since). Needle 6 (8.8° out of the plane, read 7.2°, no z fit)
        // lies 1.41 mm off along z at its tip on its centroids' curve, stated ±0.02 before by its end fit's Cramér–Rao bound;
        // its end fit puts the axis 1.35 mm along z from that tip, 0.1 mm from the true one. The statement must cover the error
        // (exactly: it is an interval; ±1.50 after, the slice). Needles 2 and 8 of the same scan (right tips, 0.02 and 0.13 mm
        // along z; their end fits 0.1 mm or less from their curves) stay stated within the 1 mm (±0.01–0.02).
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(5498, 13, 3);
        double[] n6 = NeedleFinderStaircaseOtherSteelTest.zErrorAndStated(d, 6);
        assertThat(n6[1]).as("needle 6's stated z uncertainty against its z error %.2f mm", n6[0]).isGreaterThanOrEqualTo(n6[0]);
        assertThat(NeedleFinderStaircaseOtherSteelTest.zErrorAndStated(d, 2)[1]).isLessThan(1);
        assertThat(NeedleFinderStaircaseOtherSteelTest.zErrorAndStated(d, 8)[1]).isLessThan(1);
    }
}
