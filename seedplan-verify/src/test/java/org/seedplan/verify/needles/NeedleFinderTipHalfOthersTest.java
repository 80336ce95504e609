package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * A run's tip half read on its own ({@code NeedleFinder.tipHalf}) leaves out the voxels nearer another needle's curve than its own,
 * as the z fit of that half leaves them out of the image: a joined run keeps every voxel of its pieces, a converging needle's
 * among them, and the half's line through them read the other needle's direction as a second reading of this one
 * (docs/needles.md, thirty-fourth round, branch {@code needletip15}).
 */
class NeedleFinderTipHalfOthersTest {

    @Test
    void needle3Of4961IsStatedWhatItsImageSupports() {
        // Seed 4961 is scan 5 of the 5 mm draw from 4957 (Gaussian, extended; seen). Needle 3's hub part and tip part are joined
        // (thirty-second round); its tip half held about 40 voxels of needle 4's hub part, 2.6-4.3 mm across its axis, and the
        // half's line turned 8.41° in the plane: the tilt stated ±8.96° and the tip ±4.05 mm along z for an axis 0.19° and a tip
        // 0.12 mm along z off. Now ±0.73° and ±0.59 mm (measured). Bounds: each statement at least its error (the issue's
        // honesty), and the tilt's within the 2° and the tip's within its 1 mm (what the image supports: the other
        // needles of the scan are stated under both). Needle 4's half held needle 3's voxels too: it is still stated at least
        // its errors (0.65 mm along z, stated ±0.95; axis 0.77°, stated ±1.01°).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4961, 4);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        for (int number : new int[] {3, 4}) {
            SimulatedNeedle t = IntraOpScenario.generate(NeedleFinderThickSliceTest.drawnGrid(5), 4961).placed().get(number - 1);
            NeedleMatch x = m.matches().stream().filter(match -> match.planned() == number - 1).findFirst().orElseThrow();
            FoundNeedle f = m.found().get(x.found());
            double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            double alongZ = Math.abs(f.tipMm().z() - t.tipMm().z());
            System.out.printf(Locale.ROOT, "needle %d: tip %.2f mm off along z, stated ±%.2f; axis %.2f°, stated ±%.2f°%n", number, alongZ,
                    f.tipZUncertaintyMm(), axis, f.axisUncertaintyDeg());
            assertThat(f.axisUncertaintyDeg()).as("needle %d's tilt statement, °", number).isGreaterThanOrEqualTo(axis)
                    .isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
            assertThat(f.tipZUncertaintyMm()).as("needle %d's tip statement along z, mm", number).isGreaterThanOrEqualTo(alongZ)
                    .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        }
    }

    @Test
    void aConvergingNeighboursVoxelsInTheTipHalfDoNotTurnItsLine() {
        // A flat needle along +x, its hub at x 0 and its tip at x 120 (two rows of voxel centres 0.7 mm apart across, every
        // 0.75 mm), and a neighbour converging on it from 4.3 mm across at x 79 to 2.6 mm at x 97 (23-41 mm behind the tip, as
        // needle 4's hub part lay beside 4961's needle 3), whose 18 mm of steel (two rows) the needle's joined run holds; the
        // neighbour's own run is its curve over that stretch. Without the neighbour's voxels the tip half's line is the
        // needle's but for the half's cut: read along the joined run's line, which the neighbour's voxels turn, the middle
        // takes one voxel more of one row than of the other at the half's hub end, 0.049° (the same least squares in a scratch
        // script); checked within 0.2°. Kept, as before this rule, the neighbour's voxels turn it 8.41° in the plane (checked
        // above 5°, so that the case is one the rule changes).
        List<Vec3> joined = new ArrayList<>();
        for (double x = 0; x <= 120; x += 0.75) {
            joined.add(new Vec3(x, 0.35, 0));
            joined.add(new Vec3(x, -0.35, 0));
        }
        for (double x = 79; x <= 97; x += 0.75) {
            double y = neighbourY(x);
            joined.add(new Vec3(x, y + 0.35, 0));
            joined.add(new Vec3(x, y - 0.35, 0));
        }
        NeedleFinder.Run run = run(joined);
        Vec3 tip = new Vec3(120, 0, 0);
        Vec3 from = new Vec3(79, neighbourY(79), 0);
        Vec3 to = new Vec3(97, neighbourY(97), 0);
        Vec3 along = to.minus(from).normalized();
        SpaceCurve other = new SpaceCurve(from, along, 1, new double[] {from.x(), along.x()}, new double[] {from.y(), along.y()},
                new double[] {0, 0});
        List<NeedleCentreline.Extent> others = List.of(new NeedleCentreline.Extent(other, 0, to.minus(from).norm()));
        double without = inPlaneTurnDeg(NeedleFinder.tipHalf(run, tip, others).curve(), tip);
        double kept = inPlaneTurnDeg(NeedleFinder.tipHalf(run, tip, List.of()).curve(), tip);
        System.out.printf(Locale.ROOT, "tip half's line turned %.3f° without the neighbour's voxels, %.3f° with them%n", without, kept);
        assertThat(without).isLessThanOrEqualTo(0.2);
        assertThat(kept).isGreaterThan(5);
    }

    /** The neighbour's centre across the needle at x: 4.3 mm at x 79 to 2.6 mm at x 97, on the needle's −y side. */
    private static double neighbourY(double x) {
        return -(4.3 - (x - 79) * 1.7 / 18);
    }

    /** The turn of {@code half}'s tangent at {@code tip} from +x in the plane, degrees. */
    private static double inPlaneTurnDeg(SpaceCurve half, Vec3 tip) {
        Vec3 d = half.tangent(half.parameterOf(tip));
        return Math.toDegrees(Math.abs(Math.atan2(d.y(), Math.abs(d.x()))));
    }

    private static NeedleFinder.Run run(List<Vec3> points) {
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = new double[p.length];
        java.util.Arrays.fill(w, 1);
        SpaceCurve c = NeedleFinder.refit(p, w, new Vec3(1, 0, 0), 0);
        c = NeedleFinder.refit(p, w, c.axis(), 1);
        return new NeedleFinder.Run(p, w, c);
    }
}
