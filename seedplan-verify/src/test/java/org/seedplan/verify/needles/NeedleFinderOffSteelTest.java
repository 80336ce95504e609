package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * False needles of the seen 5 mm sets whose paths lie beside steel, not on it: runs gathered from neighbouring needles' partial
 * volumes in one slice, or from a sparse stretch of several needles' voxels, described as needles. A needle is steel from its
 * hub to its bevel; on slices thicker than 3 mm a found needle whose path (less its bevel) has steel beside it over less than
 * {@link NeedleFinder#PATH_STEEL_SHARE} of its length is dropped (docs/needles.md, sixteenth round). Each scan drawn whole as
 * the generalisation run draws it.
 */
class NeedleFinderOffSteelTest {

    @Test
    void aRunBetweenTwoNeedlesInOneSliceIsNoNeedle() {
        // The first scan of the set 3685-3708 (box, 12-bit, streaks 257 HU): a 112.5 mm run flat in the slice at z 0-5 mm from
        // needle 6's hub half to needle 7's middle, 1.7-3 mm from each, described as a 114.3 mm needle; its path 0.66 on steel
        // (the scan's needles 0.87 and more). Before: one false needle. Every needle is still found.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3685, 0);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
    }

    @Test
    void aSparseRunThroughSeveralNeedlesIsNoNeedle() {
        // The ninth scan of the set 3661-3684 (triangle, 12-bit, streaks 170 HU): a run of 101 voxels over 96 mm (a needle's
        // runs hold about 3 per mm) from needle 5's hub side astray towards the tips, a 103.3 mm needle whose path is 0.76 on
        // steel. Before: one false needle. Every needle is still found.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3669, 8);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
    }

    @Test
    void aRunRisingThroughSeveralNeedlesIsNoNeedle() {
        // The 21st scan of the set 3637-3660 (triangle, 12-bit): a run rising 15 mm along z over 95 mm through several needles'
        // voxels (fifteenth round), a 98.7 mm needle whose path is 0.65 on steel, is dropped; the 80.7 mm false needle beside it
        // (needle 7's hub half, left over where one run took needle 7's tip half and needle 6's hub half) lies on steel (1.00)
        // and stayed: not this kind. Before: two false needles. Since the twenty-first round a run in the slice at -2.5 mm there is
        // cut where its voxels step 4.7 mm sideways (docs/needles.md), and no false needle is left.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3657, 20);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
    }

    @Test
    void aFlatNeedlesOuterPartInAirIsJudgedOnItsSteelInTheBody() {
        // The eighth scan of the set 5149-5172 (Gaussian 5 mm, 12-bit, in-plane FWHM 0.61 mm, noise 39 HU, streaks 180 HU; fresh in
        // the thirty-fourth round, seen since): needle 2, flat (0.2°) at z 9.3-9.7, 1.8-2.2 mm above the slice at 7.5, is read
        // and described 0.07 mm from its tip, but its last 29 mm to the hub lie outside the skin, where its steel's partial
        // volume reads on -1000 HU (697-1465 HU beside it against the follow level 1320): its path read 0.778 on steel and it was
        // dropped, a miss. Its 48 points in the body are all on steel (no stretch off it), so it is kept. Before: n2 missed (the
        // case fails); after: nothing missed, no false needle, n2 within the 1 mm and 2° (its neighbours n1 and n8 are
        // placed within 0.1 mm; the thirty-fifth round's in-body rule placed it 0.08 mm, 0.10° off). 3788's line through two needles' halves, in the body 0.814
        // on steel with 10 points running off it, stays dropped (NeedleFinderSteepStaircaseTest).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5156, 7);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 5156, 2);
        assertThat(tipAndAxis[0]).as("needle 2's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("needle 2's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
    }
}
