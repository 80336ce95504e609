package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;

/**
 * A flat needle lying on the boundary between two 5 mm slices: scan 3024 of the 5 mm set 3001–3024 (fresh in the seventh
 * round, seen since), its scanner (triangle profile, extended CT numbers) and its needle 8 alone (1.0° out of the plane, z
 * from −1.0 to 1.2 mm, the boundary at 0). It reads half in each slice, at most 2 118 HU along its whole length, so with
 * components started only at 2200 HU it was never looked at (missed).
 */
class NeedleFinderSliceBoundaryTest {

    @Test
    void aFlatNeedleOnTheBoundaryBetweenTwoFiveMillimetreSlicesIsFound() {
        long seed = 3024;
        // The scanner as the generalisation run draws it for this seed, the 24th of its set: triangle, extended.
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, 23);
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        List<SimulatedNeedle> needles = List.of(scenario.placed().get(7));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), seed);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct);
        assertThat(m.matches()).hasSize(1);
        assertThat(m.unmatchedFound()).isEmpty();
        FoundNeedle f = m.found().get(m.matches().get(0).found());
        double tip = f.tipMm().distanceTo(needles.get(0).tipMm());
        double axis = NeedleMatcher.angleDeg(f.axisAtTip(), needles.get(0).axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        System.out.printf(java.util.Locale.ROOT, "needle 8: tip %.2f mm, axis %.2f°%n", tip, axis);
        // The targets: on triangle slices the needle's z is in the image (Cramér–Rao bound about 0.01 mm, docs/needles.md).
        assertThat(tip).as("tip").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(axis).as("axis").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }
}
