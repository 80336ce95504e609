package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A needle's tip part whose line meets, further along within the tube, another needle's longer stretch of steel read already
 * (scan 4759 of the seen 5 mm set 4741–4764: box profile, 12-bit, in-plane FWHM 0.65 mm). Needle 3 (5.7° out of the plane) has
 * its first 33 mm in the slice at 2.5; the line through it meets needle 6's 48.8 mm hub part in that slice 60 mm on. The run
 * kept the longest stretch within the tube, taken steel counting too, so it held needle 6's part and nothing new, and the
 * component's reading stopped with the tip part in no run: needle 3 missed, a 136.9 mm false needle (its middle and hub pieces,
 * the tip 13 mm short). The line's stretch of untaken steel is now the run where it continues a run taken before: a piece of it
 * by the joining's test, at least half its extent beyond that run's end ({@code NeedleFinder.continuingStretch}; the tip part
 * 0.886). A run's own steel read again (3837 needle 7, {@link NeedleFinderSteepStaircaseTest}: 0.000) and steel beside a run are
 * left as before (docs/needles.md, thirty-first round, branch {@code needlemiss13}).
 */
class NeedleFinderContinuingStretchTest {

    @Test
    void aTipPartWhoseLineMeetsAnotherNeedlesSteelReadAlreadyIsRead() {
        // Seed 4759 is scan 18 of the draw from 4741. Before: needle 3 missed and a 136.9 mm false needle (it fails); after:
        // 0.07 mm and 0.02°. The tolerances are the targets (1 mm, 2°), every needle found and no false one.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4759, 18);
        assertThat(m.unmatchedPlanned()).as("needles missed").isEmpty();
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
        double[] n3 = NeedleFinderZPairingTest.tipAndAxis(m, 4759, 3);
        assertThat(n3[0]).as("needle 3's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(n3[1]).as("needle 3's axis, °").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aStretchContinuesARunWhereMostOfItLiesBeyondTheRunsEnd() {
        // Extents along the run's curve, mm (4759's as printed on the scan, along y: the tip part −45.3 → −10.2, needle 3's
        // middle run −141.2 → −40.9): 30.7 of its 35.1 mm lie past the run's end. Exact arithmetic; 1e-9 for rounding only.
        assertThat(NeedleFinder.beyondShare(new double[] {-45.3, -10.2}, new double[] {-141.2, -40.9})).isCloseTo(30.7 / 35.1, within(1e-9));
        assertThat(NeedleFinder.beyondShare(new double[] {-45.3, -10.2}, new double[] {-141.2, -40.9}))
                .isGreaterThanOrEqualTo(NeedleFinder.CONTINUING_BEYOND_SHARE);
        // Before the run's other end, the same.
        assertThat(NeedleFinder.beyondShare(new double[] {-20, 10}, new double[] {0, 100})).isCloseTo(20.0 / 30, within(1e-9));
        // End to end with a gap: wholly beyond.
        assertThat(NeedleFinder.beyondShare(new double[] {105, 130}, new double[] {0, 100})).isCloseTo(1, within(1e-9));
        // A run's own steel read again (3837 needle 7: the same 102.1 mm) and a stretch beside a run's end (4506: 15.8 mm ending
        // 1 mm before it) are no continuation.
        assertThat(NeedleFinder.beyondShare(new double[] {0, 102.1}, new double[] {0, 102.1})).isZero();
        assertThat(NeedleFinder.beyondShare(new double[] {92.5, 108.3}, new double[] {0, 109.3})).isZero();
        assertThat(NeedleFinder.beyondShare(new double[] {92.5, 108.3}, new double[] {0, 109.3}))
                .isLessThan(NeedleFinder.CONTINUING_BEYOND_SHARE);
        // A piece longer than the run on both sides: both overhangs count.
        assertThat(NeedleFinder.beyondShare(new double[] {-10, 110}, new double[] {0, 100})).isCloseTo(20.0 / 120, within(1e-9));
    }
}
