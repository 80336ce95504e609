package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Steep needles on 5 mm slices placed across the axis by their end fit (docs/needles.md, twenty-fifth round, branch
 * {@code needletip6}): a steep needle's line is its slab centroids' curve, whose end steps lie beyond the needle, so its tip
 * lay up to 1.1 mm across the axis from the needle, sure of it (±0.05–0.06 mm).
 */
class NeedleFinderSteepTipAcrossTest {

    @Test
    void steepNeedlesOfScan4428HaveTheirTipsWithinOneMillimetre() {
        // Seed 4428 is scan 23 of the draw from 4405 (5 mm triangle, extended; fresh in the twenty-fourth round, seen since).
        // Needle 9 (24.4° out of the plane) was 1.07 mm off (1.03 across, read 25.9°, axis 1.49°) and needle 10 (44.0°) 0.48 mm;
        // the end fit puts them 0.25 and 0.10 mm off (axes 0.18° and 0.10°). The targets (1 mm, 2°): the margin is
        // 0.75 mm on needle 9.
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4428, 23, 5);
        for (int n : new int[] {9, 10}) {
            double[] tipAndAxis = tipAndAxis(d, n);
            assertThat(tipAndAxis[0]).as("needle %d's tip, mm", n).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(tipAndAxis[1]).as("needle %d's axis, °", n).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }

    @Test
    void aNeedleUnderTwentyDegreesOrWhoseEndFitWindowStaysInsideOneSliceSpacingIsNotMoved() {
        // 18° out of 5 mm slices: the end fit's 21 mm window spans 6.5 mm along z, over one spacing, but the needle lies under
        // the 20° where the staircase's bias was measured. 25° out of 10 mm slices: over 20°, but the window spans 8.9 mm, less
        // than one spacing. Both are returned as they are (the end fit is not asked: null stands for it).
        FoundNeedle under = straight(18);
        assertThat(NeedleFinder.acrossByEndFit(emptyScan(5), under, null, 0)).isSameAs(under);
        FoundNeedle thick = straight(25);
        assertThat(NeedleFinder.acrossByEndFit(emptyScan(10), thick, null, 0)).isSameAs(thick);
    }

    /** A found needle {@code deg} out of the slices' plane, 100 mm long, its tip at the origin. */
    private static FoundNeedle straight(double deg) {
        Vec3 axis = new Vec3(Math.cos(Math.toRadians(deg)), 0, Math.sin(Math.toRadians(deg)));
        List<Vec3> path = new ArrayList<>();
        for (double s = -100; s <= 0; s += 2) {
            path.add(axis.times(s));
        }
        return new FoundNeedle(path.get(path.size() - 1), path.get(0), axis, 100, path, false, true, 0.1, 0.05, 0.05, 0.05, 0.05);
    }

    /** A small empty scan on slices {@code sliceMm} apart (only its spacing is read). */
    private static Volume emptyScan(double sliceMm) {
        Grid grid = new Grid(new Vec3(-1.5, -1.5, -47.5), 0.75, 0.75, sliceMm, 4, 4, 10);
        return new Volume(grid, new float[grid.voxelCount()]);
    }

    /** The tip's distance from the true tip (mm) and the axis's angle to the true one (°) of needle {@code n} (1-based). */
    private static double[] tipAndAxis(NeedleFinderThickSliceTest.Drawn d, int n) {
        NeedleMatch x = d.matching().matches().stream().filter(m -> m.planned() == n - 1).findFirst().orElseThrow();
        SimulatedNeedle t = d.scenario().placed().get(n - 1);
        FoundNeedle f = d.matching().found().get(x.found());
        double tip = f.tipMm().distanceTo(t.tipMm());
        double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm, axis %.2f°%n", n, tip, axis);
        return new double[] {tip, axis};
    }
}
