package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The tilt out of the slices' plane (issue 15's axes within 2°, {@link FoundNeedle#axisUncertaintyDeg}): scans of the
 * twentieth round's fresh 5 mm set 4045–4068 (seen since), drawn whole as the generalisation run draws them. On 4048 (box,
 * extended) every needle lies inside one slice's flat top and needle 7's axis was read 2.52° off with nothing stated (the found and
 * true tilts explain the slice within 0.6 % of each other); on 4046 (Gaussian) every needle crosses into its neighbours' profiles
 * and its tilt is held (docs/needles.md, twenty-first round).
 */
class NeedleFinderTiltStatementTest {

    @Test
    void theTiltOfNeedlesInsideOneBoxSliceIsStatedAtLeastItsError() {
        // Seed 4048 is scan 3 of the draw from 4045. No silent axis error: each flat needle's statement must cover its axis error
        // (exactly: the statement is an interval). Needles 1-8 lie within 1.4° of the plane; 9 and 10 (27° and 45°) cross many
        // slices, their tilt held (stated 0.03 and 0.05°; their 0.25 and 0.50° are the finder's own, not the image's, and unstated).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4048, 3);
        for (int n = 9; n <= 10; n++) {
            final int number = n;
            NeedleMatch match = m.matches().stream().filter(x -> x.planned() == number - 1).findFirst().orElseThrow();
            assertThat(m.found().get(match.found()).axisUncertaintyDeg()).as("needle %d", n).isLessThan(0.5);
        }
        for (int n = 1; n <= 8; n++) {
            final int number = n;
            NeedleMatch match = m.matches().stream().filter(x -> x.planned() == number - 1).findFirst().orElseThrow();
            FoundNeedle f = m.found().get(match.found());
            double axis = NeedleFinderZPairingTest.tipAndAxis(m, 4048, n)[1];
            assertThat(f.axisUncertaintyDeg()).as("needle %d's tilt statement against its axis error %.2f°", n, axis).isGreaterThanOrEqualTo(axis);
        }
    }

    @Test
    void theTiltOfNeedlesTheNeighbouringSlicesSeeIsHeldToATenthOfADegree() {
        // Seed 4046 is scan 1 of the draw from 4045 (Gaussian profile: the neighbours always see the steel). The line through
        // each needle's ends stated 0.05-0.13° on the seen run; 0.5° is far under the 2° and over that spread. A steep
        // needle's statement also holds its axis's turn at the tip from that line (the slab centroids' parabola's bend,
        // NeedleFinder.staircaseBendDeg; twenty-ninth round, branch needleaxis11: 0.79° in all on one needle here): that
        // part is not the image's hold on the ends, and the whole stays under the 2°, so no needle is noted.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4046, 1);
        assertThat(m.found()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.axisUncertaintyDeg() - NeedleFinder.staircaseBendDeg(f)).isLessThan(0.5);
            assertThat(f.axisUncertaintyDeg()).isLessThan(NeedleFinder.AXIS_FIGURE_DEG);
        });
    }

    @Test
    void theStatementIsTheTiltOfTheLineThroughBothEndsMovedApartByWhatTheImageCannotHold() {
        // 2 mm at the tip and 3 mm at the hub-side end over 100 mm: atan(5 / 100).
        assertThat(NeedleFinder.axisUncertaintyDeg(2, 3, 100)).isCloseTo(Math.toDegrees(Math.atan(0.05)), within(1e-12));
        assertThat(NeedleFinder.axisUncertaintyDeg(0, 0, 100)).isZero();
        assertThat(NeedleFinder.axisUncertaintyDeg(2, 3, 0.5)).isZero();
    }
}
