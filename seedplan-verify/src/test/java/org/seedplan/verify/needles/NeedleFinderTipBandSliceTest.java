package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A flat needle inside one 5 mm box slice whose found line lies in the slice with its tip's stretch in the blind band
 * ({@link NeedleEndFit#tipStretchBandMm}) is stated the slice its tip is seen in, not the band: the band is where a needle held
 * at one height over {@link NeedleFinder#AXIS_CHORD_MM} would show in no neighbour, but a needle rising towards the far boundary
 * over its last few mm shows there only over those mm, most of them the bevel's, which the z fit leaves out (docs/needles.md,
 * thirty-seventh round, branch {@code needlesilent19}).
 */
class NeedleFinderTipBandSliceTest {

    @Test
    void scan5302Needle7IsStatedAtLeastItsTipErrorAndItsPlacedNeighbourIsNotWidened() {
        // Seed 5302 is scan 9 of the draw from 5293 (5 mm box, extended, in-plane FWHM 0.67 mm, noise 20 HU, streaks 344 HU; seen
        // since the thirty-seventh round). Needle 7 (2.1° out of the plane, bent 2.48 mm) lies in one slice from 0.21 mm above
        // its lower boundary at the tip to near its upper one 150 mm back; its line is pinned at the hub end and read 0.7°, the
        // tip 2.55 mm high along z, stated ±1.88 by the band (1.63 + 0.25) before, ±2.75 (the slice: 2.5 + 0.25) now. The
        // statement must cover the error (exactly: an interval; the margin is 0.20 mm). Needle 8, parallel 9 mm beside it and its
        // tip 0.58 mm above the same boundary, crosses into the slice above 120 mm back and is placed by the crossing (0.14 mm
        // along z): its statement is not the band's and stays under 1 mm (±0.43 here; the generalisation run's line reads ±0.51 —
        // the difference not traced).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5302, 9);
        double[] n7 = NeedleFinderFlatInSliceTest.zErrorAndStated(m, 5302, 7);
        assertThat(n7[1]).as("needle 7's stated z uncertainty against its z error %.2f mm", n7[0]).isGreaterThanOrEqualTo(n7[0]);
        double[] n8 = NeedleFinderFlatInSliceTest.zErrorAndStated(m, 5302, 8);
        assertThat(n8[1]).as("needle 8's stated z uncertainty (z error %.2f mm)", n8[0]).isGreaterThanOrEqualTo(n8[0]).isLessThan(1);
    }
}
