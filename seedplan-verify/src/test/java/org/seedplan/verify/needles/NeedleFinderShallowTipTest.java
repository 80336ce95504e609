package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Two silent tips of shallow needles on 5 mm slices (docs/needles.md, thirtieth round, branch {@code needletip12}): a needle
 * spanning six to seven slice spacings along z had its z from its slab centroids' parabola, which bends at the tip (now the z
 * line from the slice profile, as for five to six spacings); and an end fit held at a short end, where settled again along the
 * axis it explains the voxels better deeper, is stated as far as that place.
 */
class NeedleFinderShallowTipTest {

    @Test
    void needle6OfScan4886HasItsTipWithinOneMillimetre() {
        // Seed 4886 is scan 1 of the draw from 4885 (5 mm Gaussian, 12-bit, in-plane FWHM 1.01 mm, noise 15, streaks 309 HU; fresh
        // in the twenty-ninth round, seen since). Needle 6, 13.0° out of the plane, its run spanning 6.25 slice spacings, was read
        // 14.7° at the tip, 1.53 mm off (1.35 along z), stated ±0.12 on the start commit: it fails this. With the z line 0.60 mm
        // (0.12 along z). Tolerance: the 1 mm.
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4886, 1, 5);
        assertThat(NeedleFinderSteepTipDepthTest.tipError(d.matching(), d.scenario().placed(), 6)).as("needle 6's tip, mm")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(d.matching().unmatchedPlanned()).as("needles missed").isEmpty();
        assertThat(d.matching().unmatchedFound()).as("needles made up").isEmpty();
    }

    @Test
    void needle3OfScan4887IsStatedAtLeastItsErrorAlongTheAxis() {
        // Seed 4887 is scan 2 of the draw from 4885 (5 mm triangle, 12-bit, in-plane FWHM 1.14 mm, noise 32, streaks 145 HU).
        // Needle 3 (11.5° out of the plane) is read 1.03 mm short along its axis; the start commit stated ±0.38 there: it fails
        // this. Its end fit, the offsets and tilts settled again, explains the window's voxels 1.11 mm deeper far better than at
        // the end found (13 statement rises under the bar), so the statement is at least that. No tolerance: the statement must
        // reach the error; the margin is thin (1.11 against 1.03 mm).
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4887, 2, 5);
        NeedleMatch x = d.matching().matches().stream().filter(m -> m.planned() == 2).findFirst().orElseThrow();
        FoundNeedle f = d.matching().found().get(x.found());
        SimulatedNeedle t = d.scenario().placed().get(2);
        double along = Math.abs(f.tipMm().minus(t.tipMm()).dot(t.axisAtTip(10)));
        System.out.printf(java.util.Locale.ROOT, "needle 3: %.2f mm along the axis, stated ±%.2f%n", along, f.tipAxisUncertaintyMm());
        assertThat(f.tipAxisUncertaintyMm()).as("needle 3's statement along the axis, mm").isGreaterThanOrEqualTo(along);
        assertThat(f.tipAxisUncertaintyMm()).as("no wider than the look's reach (1.5 mm and the settle)").isLessThan(2.5);
    }

    @Test
    void aNeedleSpanningSixAndAQuarterSliceSpacingsHasItsZFittedAsALine() {
        // 4886 needle 6's run: 135 mm, 6.25 spacings of 5 mm along z. Six or more spacings were left to the parabola before this
        // round (false there), fewer than seven are fitted as a line now; seven and more are not. Exact: the rule compares the
        // run's rise along z with the spacings.
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        Volume ct = new Volume(grid, new float[grid.nx() * grid.ny() * grid.nz()], 5);
        assertThat(NeedleCentreline.steeperStraightZ(ct, rising(6.25 * 5, 135), -67.5, 67.5)).isTrue();
        assertThat(NeedleCentreline.steeperStraightZ(ct, rising(5.5 * 5, 135), -67.5, 67.5)).isTrue();
        assertThat(NeedleCentreline.steeperStraightZ(ct, rising(7.1 * 5, 135), -67.5, 67.5)).isFalse();
        assertThat(NeedleCentreline.steeperStraightZ(ct, rising(4.5 * 5, 135), -67.5, 67.5)).as("five and fewer: a shallow needle")
                .isFalse();
    }

    /** A straight curve along y rising {@code riseMm} along z over {@code lengthMm} of its parameter, centred on the origin. */
    private static SpaceCurve rising(double riseMm, double lengthMm) {
        return new SpaceCurve(Vec3.ZERO, new Vec3(0, 1, 0), 1, new double[] {0, 0}, new double[] {0, 1},
                new double[] {0, riseMm / lengthMm});
    }
}
