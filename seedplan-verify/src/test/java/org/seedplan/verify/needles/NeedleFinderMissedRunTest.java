package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Needles of the seen 5 mm sets that no run held, so that no later step could find them (docs/needles.md, seventeenth round): a
 * needle flat on the boundary between two slices whose partial volume never reaches the start level; and (eighteenth round) a
 * needle whose run was dropped as another needle's echo; (nineteenth round) a needle whose run was joined to another's as a piece
 * of it; (twentieth round) a needle whose run ends at the skin in rings mostly of air, dropped as a strand of seeds, and
 * (twenty-second round) one whose skin end's rings hold air in their lower fifth but not in half of them; (twenty-fourth round)
 * one under a slice boundary whose run ends in tissue and whose steel is followed to the skin but not into air. The scans
 * drawn whole as the generalisation run draws them.
 */
class NeedleFinderMissedRunTest {

    @Test
    void aNeedleBetweenTwoSlicesBelowTheStartLevelIsFound() {
        // The eleventh scan of the set 3757-3780 (Gaussian, extended, in-plane FWHM 1.20 mm): needle 2 lies flat (0.5°) on
        // the boundary between two 5 mm slices, z 4.3-5.4 mm, half in each; its partial volume peaks at 1 963 HU, under the
        // start level (2 000 HU), so its component (199 voxels over 96 mm) was never followed: missed. Now found 0.02 mm off
        // and 0.01° astray; the tolerance 1 mm and 2° is the seen 5 mm sets' usual bound for a needle found right.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(3767, 10), 3767, 2);
    }

    @Test
    void aSecondNeedleOfOneColumnASliceAboveIsNoEcho() {
        // The twenty-third scan of the set 3829-3852 (Gaussian, extended, in-plane FWHM 0.95 mm): needle 2 (2.5° out of the
        // plane) lies one 5 mm slice above needle 6 in one template column, 0.7-3.3 mm from it across in the axial plane and 1.8°
        // apart there; its 101.6 mm run lay within the echo test's bounds of needle 6's 141.2 mm run and was dropped as its echo:
        // missed. Its voxels part from needle 6's line by 2.55 mm at one end, where an echo's lie on it (under 0.2 mm on the
        // seen 5 mm sets). The tolerance 1 mm and 2° is the seen 5 mm sets' usual bound for a needle found right.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(3851, 22), 3851, 2);
    }

    @Test
    void aSecondNeedleOfOneColumnASliceBelowAlongsideIsNoPiece() {
        // The fifth scan of the set 3901-3924 (Gaussian, extended, in-plane FWHM 0.93 mm): needle 7 (5.9 degrees out of the
        // plane, bent 2.2 mm) lies one 5 mm slice below needle 3 in one template column, 0.7-2 mm from it across in the axial
        // plane; its 95.5 mm run lay wholly alongside needle 3's 125.7 mm run within the joining step's bounds (ends within 2.5 mm
        // across and a slice + 0.5 mm along z of its line) and was joined to it as a piece of one needle: missed, needle 3 read
        // 0.69 mm off. Its voxels part from needle 3's line by 2.15 mm at one end, where an echo's or a piece's lie on it (the
        // echo test's 1.75 mm, eighteenth round). The tolerance 1 mm and 2 degrees is the seen 5 mm sets' usual bound for a needle
        // found right.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3905, 4);
        allFoundAndRight(m, 3905, 7);
        double[] three = NeedleFinderZPairingTest.tipAndAxis(m, 3905, 3);
        assertThat(three[0]).as("needle 3's tip, mm").isLessThan(1);
    }

    @Test
    void aNeedleWhoseRunEndsAtTheSkinInAirRingsIsFound() {
        // The ninth scan of the set 3973-3996 (triangle, 12-bit, in-plane FWHM 1.06 mm, streaks 283 HU): needle 1 (4.1 degrees
        // out of the plane, bent 2.6 mm) is held by a 114.0 mm run whose hub end lies at the skin; the rings 5 mm around it read
        // a median of -583 HU (mostly air) but a lower fifth of -946 HU, above the air level (-950: bright streaks and the
        // skin's curve in the rings), so both ends read as in tissue, and no steel was followed past the hub end (in air the
        // shaft's partial volume falls below the metal level): the run was read as a strand of seeds and dropped, missed. Now
        // found 0.14 mm off. The tolerance 1 mm and 2 degrees is the seen 5 mm sets' usual bound for a needle found right.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(3981, 8), 3981, 1);
    }

    @Test
    void aFlatNeedleWhoseRunEndsAtTheSkinInAirRingsIsFound() {
        // The twenty-fourth scan of the set 3973-3996 (triangle, extended, in-plane FWHM 0.71 mm, streaks 273 HU): needle 5 (flat,
        // 1.0 degree, straight) nears the boundary between two 5 mm slices towards its hub; its 108.8 mm run ends 30 mm short of
        // the hub at the skin, rings median -700 HU, lower fifth -934 HU: dropped as needle 1 of 3981 was, missed. Now found
        // 0.14 mm off. The tolerance as above.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(3996, 23), 3996, 5);
    }

    @Test
    void aNeedleWhoseSkinEndRingsAreLiftedByItsOwnPartialVolumeIsFound() {
        // The fifteenth scan of the set 4141-4164 (triangle, 12-bit; fresh in the twenty-first round, seen since): needle 6 (5.7
        // degrees out of the plane) is held by a 123.8 mm run whose hub end lies at the skin, where the needle nears a slice
        // boundary; the rings 5 mm around it read a lower fifth of -929 HU (air with streaks; its other end -31 HU) but a median
        // of -468 HU: the slice beyond the boundary holds the needle's own partial volume in air (-200 to -450 HU) and a
        // converging neighbour's steel lies 1.2 mm from one ring direction, so under half the ring read as air. It was dropped as
        // a strand of seeds, missed. Now the skin end is the one whose rings' lower fifth reads air (SKIN_HU): found 0.28 mm off.
        // The tolerance as above.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(4155, 14), 4155, 6);
    }

    @Test
    void aNeedleUnderASliceBoundaryWhoseSteelIsFollowedToTheSkinIsFound() {
        // The second scan of the set 4285-4308 (Gaussian, 12-bit; fresh in the twenty-third round, seen since): needle 6 (0.4
        // degrees out of the plane) lies 0.1-0.7 mm under a boundary between two 5 mm slices, half its steel in the slice beyond;
        // its run (two pieces joined, 75 mm) ends in tissue at both ends (rings' lower fifth -137 / +11 HU), its steel is
        // followed 5.4 mm on from the hub end to the skin and no further (in air its partial volume falls under the follow level),
        // where the rings' lower fifth reads -882 HU: above the air level (-950), so it was dropped as a strand of seeds, missed.
        // Now the end is read where its steel was followed to (SKIN_HU, -700): found. The tolerance 1 mm and 2 degrees is the
        // seen 5 mm sets' usual bound for a needle found right.
        allFoundAndRight(NeedleFinderZPairingTest.wholeScan(4286, 1), 4286, 6);
    }

    /** No needle missed, none false, and the given needle's tip within 1 mm and its axis within 2° (the seen 5 mm sets' usual bound). */
    private static void allFoundAndRight(NeedleMatching m, long seed, int needle) {
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, seed, needle);
        assertThat(tipAndAxis[0]).as("needle %d's tip, mm", needle).isLessThan(1);
        assertThat(tipAndAxis[1]).as("needle %d's axis, degrees", needle).isLessThan(2);
    }
}
