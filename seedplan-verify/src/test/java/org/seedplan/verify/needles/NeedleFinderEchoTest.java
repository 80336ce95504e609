package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * A needle seen in two 5 mm slices: scan 3018 of the 5 mm set 3001–3024 (fresh in the seventh round, seen since) as the
 * generalisation run draws it (triangle profile, extended CT numbers, all its needles and seeds). Needle 6 (3.7° out of the
 * plane, z from −6.8 mm at the tip to 0.4 mm at the hub) shows in the slices at −7.5 and −2.5 mm, and its partial volume in
 * the one at −2.5 mm forms a second run of 77 mm alongside it, 176 of whose 190 voxels lie within the echo's bounds; its
 * fitted curve's deep end lay 2.95 mm across from the needle's, so the test at the ends and the middle did not take it for
 * an echo and it was kept: a false needle of 83.5 mm beside needle 6. Needle 6 alone or with its neighbours does not make
 * that run, so the whole scan is drawn; its other false needles (converging hubs mixed along z) are not this test's.
 */
class NeedleFinderEchoTest {

    @Test
    void aNeedlesRunInTheNeighbouringSliceIsTakenForItsEcho() {
        long seed = 3018;
        // The scanner as the generalisation run draws it for this seed, the 18th of its set: triangle, extended.
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, 17);
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
        List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
        NeedleMatching m = new NeedleMatcher(5, 10).match(truth, new NeedleFinder().find(ct).needles());
        SimulatedNeedle six = scenario.placed().get(5);
        Vec3 axis = six.tipMm().minus(six.hubMm()).normalized();
        for (int j : m.unmatchedFound()) {
            FoundNeedle f = m.found().get(j);
            Vec3 r = f.tipMm().minus(six.hubMm());
            Vec3 across = r.minus(axis.times(r.dot(axis)));
            System.out.printf(java.util.Locale.ROOT, "false needle %.1f mm long, its tip %.2f mm across from needle 6 in the axial plane%n",
                    f.visibleLengthMm(), Math.hypot(across.x(), across.y()));
            // Before: 83.5 mm, its tip 1.43 mm across from needle 6. An echo is a run within 2.5 mm across of its needle.
            assertThat(Math.hypot(across.x(), across.y())).as("false needle alongside needle 6").isGreaterThan(2.5);
        }
        NeedleMatch six6 = m.matches().stream().filter(x -> x.planned() == 5).findFirst().orElseThrow();
        FoundNeedle f = m.found().get(six6.found());
        double tip = f.tipMm().distanceTo(six.tipMm());
        double angle = NeedleMatcher.angleDeg(f.axisAtTip(), six.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        System.out.printf(java.util.Locale.ROOT, "needle 6: tip %.2f mm, axis %.2f°%n", tip, angle);
        // The targets (measured 0.06 mm and 0.31° before, 0.11 mm and 0.01° after).
        assertThat(tip).as("tip").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(angle).as("axis").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }
}
