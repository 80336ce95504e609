package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Two needles of one template column taken as one run on 5 mm slices, cut into the two (docs/needles.md, twenty-sixth round,
 * second part, branch {@code needlecut8}): 4512's n8 and n4 drawn straight, the one slice above the other, converging on
 * their hubs (0.2 mm apart in the plane, 5.1 mm along z) and 9 mm apart along z at their tips, the upper's tip 3.3 mm
 * shallower; two single needles elsewhere give the scan's median voxels per mm. Before (4512 as drawn) one run held both:
 * the lower needle's tip read 4.77 mm off, the upper missed.
 */
class NeedleFinderColumnPairTest {

    @Test
    void twoNeedlesOfOneColumnInOneRunAreFoundAsTwo() {
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        // 4512's scanner less its streaks: triangle, extended CT numbers.
        IntraOpScanner scanner = new IntraOpScanner(0.67, IntraOpScanner.SliceProfile.TRIANGLE, 14, 0, 30710);
        List<SimulatedNeedle> needles = List.of(
                new SimulatedNeedle(new Vec3(10.0, -160.2, 8.42), new Vec3(26.2, -23.8, -0.64), new Vec3(1, 0, 0), 0),
                new SimulatedNeedle(new Vec3(10.2, -160.1, 13.52), new Vec3(25.8, -27.1, 8.34), new Vec3(1, 0, 0), 0),
                new SimulatedNeedle(new Vec3(-45, -160, 8), new Vec3(-30, -30, 3), new Vec3(1, 0, 0), 0),
                new SimulatedNeedle(new Vec3(-70, -165, 2), new Vec3(-60, -35, -5), new Vec3(1, 0, 0), 0));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), 4512);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct);
        assertThat(m.matches()).hasSize(4);
        assertThat(m.unmatchedFound()).isEmpty();
        for (NeedleMatch x : m.matches()) {
            SimulatedNeedle t = needles.get(x.planned());
            FoundNeedle f = m.found().get(x.found());
            double tip = f.tipMm().distanceTo(t.tipMm());
            double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm, axis %.2f°%n", x.planned() + 1, tip, axis);
            // The targets: each needle of the pair is read alone in its own slice, its z in the image (triangle profile).
            assertThat(tip).as("needle %d tip", x.planned() + 1).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(axis).as("needle %d axis", x.planned() + 1).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }
}
