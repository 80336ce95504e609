package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;

/**
 * Two needles that cross in projection at a small angle one slice apart along z: scan 3030 of the 3 mm set 3025–3048 (fresh
 * in the seventh round, seen since), its scanner (triangle profile, extended CT numbers, in-plane FWHM 1.15 mm, 307 HU streaks)
 * and its needles 1 and 5 alone. In the axial plane they cross 2.5° apart half way along; along z they lie 4.6 mm apart
 * there (needle 1 in the slice at 3 mm, needle 5 in the one at 0). A run could take needle 1's voxels up to the crossing and
 * needle 5's beyond it (more voxels than either needle holds), and each needle then read as rising from one slice to the
 * next: before the halves were re-paired (NeedleFinder, untangled runs) tips 1.33 and 1.38 mm, axes 4.16° and 3.25°.
 */
class NeedleFinderCrossingTest {

    @Test
    void twoNeedlesCrossingInProjectionOneSliceApartKeepTheirOwnAxes() {
        long seed = 3030;
        // The scanner as the generalisation run draws it for this seed, the sixth of its set: triangle, extended.
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, 5);
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(3);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        List<SimulatedNeedle> needles = List.of(scenario.placed().get(0), scenario.placed().get(4));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), seed);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct);
        assertThat(m.matches()).hasSize(2);
        assertThat(m.unmatchedFound()).isEmpty();
        for (NeedleMatch x : m.matches()) {
            SimulatedNeedle t = needles.get(x.planned());
            FoundNeedle f = m.found().get(x.found());
            double tip = f.tipMm().distanceTo(t.tipMm());
            double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm, axis %.2f°%n", x.planned() == 0 ? 1 : 5, tip, axis);
            // The targets (measured 0.09 / 0.17 mm and 0.06° / 0.12°).
            assertThat(tip).as("tip").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(axis).as("axis").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }
}
