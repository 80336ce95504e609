package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * A z-fitted run its whole line does not explain as one straight needle: its tip half read on its own is a second reading of the
 * needle, and the tip's z statement and the axis statement hold how far the two readings lie apart (docs/needles.md, thirtieth
 * round, branch {@code needlesilent12}).
 */
class NeedleFinderTipHalfTurnTest {

    @Test
    void theNeedlesOfScan4877ReadFromOtherNeedlesSteelAreStatedAtLeastTheirErrors() {
        // Seed 4877 is scan 16 of the draw from 4861 (5 mm Gaussian, extended; fresh in the twenty-ninth round, seen since).
        // Needles 5, 6 and 1 of one template column converge at their hubs a slice apart along z and cross in the plane; the
        // run read as needle 6 holds needle 5's hub half, its line 1.4° out of the plane where needle 6 lies 3.3°: tip 0.90 mm
        // off along z, axis 2.42° off, stated ±0.21 mm and ±0.10° before; its tip half read alone lies 0.86 mm from the tip
        // along z and turns 1.78° out of the plane and 1.71° in it. The margins are thin: the z statement covers the z error
        // by about 0.01 mm, the axis statement the axis error by about 0.3°. Needle 1's run holds needle 6's hub half: 4.08° off,
        // stated ±3.75° before (short of it).
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4877, 16, 5);
        for (int planned : new int[] {5, 0}) {
            NeedleMatch x = d.matching().matches().stream().filter(m -> m.planned() == planned).findFirst().orElseThrow();
            FoundNeedle f = d.matching().found().get(x.found());
            SimulatedNeedle t = d.scenario().placed().get(planned);
            double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            double alongZ = Math.abs(f.tipMm().z() - t.tipMm().z());
            System.out.printf(Locale.ROOT, "needle %d: tip %.2f mm off along z, stated ±%.2f; axis %.2f°, stated ±%.2f°%n", planned + 1,
                    alongZ, f.tipZUncertaintyMm(), axis, f.axisUncertaintyDeg());
            assertThat(f.axisUncertaintyDeg()).as("needle %d's axis statement, °", planned + 1).isGreaterThanOrEqualTo(axis);
            assertThat(f.tipZUncertaintyMm()).as("needle %d's tip statement along z, mm", planned + 1).isGreaterThanOrEqualTo(alongZ);
        }
        NeedleMatch six = d.matching().matches().stream().filter(m -> m.planned() == 5).findFirst().orElseThrow();
        int index = d.finding().needles().indexOf(d.matching().found().get(six.found())) + 1;
        assertThat(d.finding().notes()).anyMatch(n -> n.startsWith("needle " + index + ": its axis is not in the image")
                && n.contains("tip half"));
    }

    @Test
    void theTurnOfTheTipHalfsLineFromTheAxisOutOfThePlaneAndInIt() {
        // A needle along +x, 1.5° out of the plane towards its tip; a tip half's line 3.5° out of the plane and turned 1° in the
        // plane: 2° and 1°. The half's line drawn the other way (towards its hub) reads the same. Exact but for rounding (1e-9°).
        FoundNeedle needle = new FoundNeedle(Vec3.ZERO, direction(1.5, 0).times(-100), direction(1.5, 0), 100,
                List.of(direction(1.5, 0).times(-100), Vec3.ZERO), false, true, 0.1, 0.05, 0.05, 0.05, 0.05);
        Vec3 half = direction(3.5, 1);
        SpaceCurve towardsTip = new SpaceCurve(Vec3.ZERO, half, 1, new double[] {0, half.x()}, new double[] {0, half.y()},
                new double[] {0, half.z()});
        SpaceCurve towardsHub = new SpaceCurve(Vec3.ZERO, half.times(-1), 1, new double[] {0, -half.x()}, new double[] {0, -half.y()},
                new double[] {0, -half.z()});
        for (SpaceCurve c : new SpaceCurve[] {towardsTip, towardsHub}) {
            double[] turn = NeedleFinder.halfTurnDeg(c, needle);
            assertThat(turn[0]).isCloseTo(2, within(1e-9));
            assertThat(turn[1]).isCloseTo(1, within(1e-9));
        }
    }

    /** The unit direction {@code tiltDeg} out of the plane, turned {@code inPlaneDeg} from +x in it. */
    private static Vec3 direction(double tiltDeg, double inPlaneDeg) {
        double c = Math.cos(Math.toRadians(tiltDeg));
        return new Vec3(c * Math.cos(Math.toRadians(inPlaneDeg)), c * Math.sin(Math.toRadians(inPlaneDeg)), Math.sin(Math.toRadians(tiltDeg)));
    }
}
