package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * The tip's statement across the needle in the slices' plane ({@link FoundNeedle#tipInPlaneUncertaintyMm},
 * {@link NeedleFinder#tipInPlaneUncertaintyMm}; docs/needles.md, thirty-eighth round, branch {@code needleplane20}): the tip's
 * place across the needle is the run's centreline's, and no statement named how well the voxels hold it there.
 */
class NeedleFinderTipInPlaneTest {

    /** The needle's direction: 30° in the plane from x, 4° out of it. */
    private static final Vec3 AXIS = new Vec3(Math.cos(Math.toRadians(30)) * Math.cos(Math.toRadians(4)),
            Math.sin(Math.toRadians(30)) * Math.cos(Math.toRadians(4)), Math.sin(Math.toRadians(4)));
    /** The horizontal normal of {@link #AXIS}: across the needle in the slices' plane. */
    private static final Vec3 ACROSS = AXIS.cross(new Vec3(0, 0, 1)).normalized();

    @Test
    void aWobblingRunsStatementHoldsItsTipsInPlaneError() {
        // A 100 mm needle whose voxels wobble across it in the plane by 0.15 mm (SD) per 5 mm of its length, as a streak
        // lying over stretches of a shaft moves its image: the centreline fitted to them (a parabola, as refine fits runs this
        // long) misses the tip across the needle by up to a few tenths of a mm, which no statement named. Over 200 such needles
        // the statement (two standard deviations of the pieces' fit at the tip, plus where that fit and the curve part) holds the
        // error at least 180 times: a two-sigma holds about 95 % where its error model is right; 90 % leaves room for the
        // pieces' own spread read from 20 pieces. Before this round there was no statement (0): every error exceeded it.
        SplittableRandom rnd = new SplittableRandom(20261207);
        int covered = 0;
        List<Double> errors = new ArrayList<>();
        for (int trial = 0; trial < 200; trial++) {
            double[] wobble = new double[21];
            for (int j = 0; j < wobble.length; j++) {
                wobble[j] = 0.15 * gaussian(rnd);
            }
            double[] measured = tipErrorAndStatement(wobble, rnd);
            errors.add(measured[0]);
            covered += measured[1] >= measured[0] ? 1 : 0;
        }
        assertThat(errors.stream().mapToDouble(Double::doubleValue).max().orElse(0)).as("the wobble moves some tips, mm").isGreaterThan(0.1);
        assertThat(covered).as("tips whose in-plane error the statement holds, of 200").isGreaterThanOrEqualTo(180);
    }

    @Test
    void aCleanRunIsStatedNarrow() {
        // The same needle's voxels with no wobble (only the 0.75 mm voxel grid's sampling and the image's weights): its tip lies on
        // the centreline within hundredths of a mm, and the statement stays under 0.05 mm — a tenth of what a wobble of 0.15 mm
        // per piece reads, and a twentieth of the 1 mm.
        double[] measured = tipErrorAndStatement(new double[21], new SplittableRandom(1));
        assertThat(measured[0]).as("the clean tip's in-plane error, mm").isLessThan(0.02);
        assertThat(measured[1]).as("the clean tip's statement, mm").isGreaterThanOrEqualTo(measured[0]).isLessThan(0.05);
    }

    @Test
    void aRunHoldingSteelBesideItsTipIsStatedAtLeastItsError() {
        // 5450 n5 (docs/needles.md, fortieth round, branch needleplane22): a flat needle's last 18 mm dropped into the 5 mm
        // slice below, and its run went on in the slice above along a strand of seeds lying beside it; the centreline, fitted to
        // both, lies between them at the tip. Here: a 100 mm needle's voxels up to 8 mm behind its tip (the tip part the run
        // lost), and a strand's (four seeds end to end, 18 mm, 3 mm across in the plane) from 20 mm to 2 mm behind it; the curve
        // fitted as refine fits it. The pieces' spread reads a smooth pull, not two objects: 0.62 mm for an error of 2.55. The
        // run's voxels within 10 mm of the tip spread 4.6 mm across, more than one needle's 3, and the statement is at least
        // that spread: at least the error, which cannot exceed it while the centreline lies between the needle and the strand.
        // Exact (no tolerance): the statement is to hold the error.
        List<Vec3> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (double s = -100; s <= 0; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                double w = Math.exp(-a * a / (2 * 0.6 * 0.6));
                if (s <= -8) {
                    addFlat(points, weights, AXIS.times(s).plus(ACROSS.times(a)), w);
                }
                if (s >= -20 && s <= -2) {
                    addFlat(points, weights, AXIS.times(s).plus(ACROSS.times(3 + a)), w);
                }
            }
        }
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        SpaceCurve curve = NeedleFinder.refit(p, w, AXIS, 1);
        Vec3 tip = curve.at(curve.parameterOf(Vec3.ZERO));
        double error = Math.abs(tip.dot(ACROSS));
        assertThat(error).as("the strand pulls the tip across, mm").isGreaterThan(0.5);
        assertThat(NeedleFinder.tipInPlaneUncertaintyMm(p, w, curve, tip)).as("the tip's statement, mm").isGreaterThanOrEqualTo(error);
    }

    @Test
    void aStrandInTheNextSliceBesideTheTipIsPlacedOnTheShaftsSlice() {
        // 5617 n7 (docs/needles.md, forty-second round, branch needleplane24): a flat needle's steel in its 5 mm slice up to 1.7
        // mm behind its tip, and a strand of seeds in the slice above, beside the tip, in the same run; the centreline, fitted
        // to both, lies between them, and the tip with it, 1.24 mm across under a statement of ±0.47 (the spread of the two
        // stays under needleplane22's 3 mm: 2.97). Here: a 100 mm needle's voxels up to 2 mm behind its tip in the slice at 0,
        // and a strand's (1.4 mm across, brighter) from 4 mm behind to 10 mm ahead of it in the slice at 5; the curve fitted as
        // refine fits it. Before: the tip lies towards the strand by more than its statement. After: placed on the shaft's
        // slice's steel, its error at most half what it was and within its statement. Exact bounds: the statement is to hold
        // the error; the half is what the placement must buy at least (5617 n7: 1.24 → about 0.25 by the prints).
        List<Vec3> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (double s = -100; s <= 10; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                double w = Math.exp(-a * a / (2 * 0.6 * 0.6));
                if (s <= -2) {
                    addFlat(points, weights, AXIS.times(s).plus(ACROSS.times(a)), w);
                }
                if (s >= -4) {
                    Vec3 q = AXIS.times(s).plus(ACROSS.times(-1.4 + a));
                    points.add(new Vec3(q.x(), q.y(), 5));
                    weights.add(2 * w);
                }
            }
        }
        NeedleFinder.Run run = run(points, weights);
        FoundNeedle found = needleOnTheCentreline(run);
        double before = Math.abs(found.tipMm().dot(ACROSS));
        assertThat(before).as("the strand pulls the tip across, mm").isGreaterThan(found.tipInPlaneUncertaintyMm());
        FoundNeedle placed = NeedleFinder.onShaftsSlice(found, run);
        double after = Math.abs(placed.tipMm().dot(ACROSS));
        assertThat(after).as("the placed tip's error across, mm").isLessThan(before / 2);
        assertThat(placed.tipInPlaneUncertaintyMm()).as("its statement, mm").isGreaterThanOrEqualTo(after);
        assertThat(placed.axisAtTip()).as("the axis is kept").isEqualTo(found.axisAtTip());
    }

    @Test
    void aNeedleCrossingASliceBoundaryNearItsTipIsLeftWhereItIs() {
        // The nearest right case: the same needle alone, its tip 0.5 mm under a 5 mm slice boundary so that the window's steel
        // lies in two slices (from 7 mm behind the tip in the slice below) on one line; the slices' means agree within hundredths,
        // far under the 0.6 mm bar (seen needles: at most 0.30), and nothing moves.
        List<Vec3> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (double s = -100; s <= 0; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                addFlat(points, weights, AXIS.times(s).plus(ACROSS.times(a)).plus(new Vec3(0, 0, -2)), Math.exp(-a * a / (2 * 0.6 * 0.6)));
            }
        }
        NeedleFinder.Run run = run(points, weights);
        FoundNeedle found = needleOnTheCentreline(run);
        assertThat(NeedleFinder.onShaftsSlice(found, run)).isSameAs(found);
    }

    @Test
    void twoSlicesOnOneSideOfTheCentrelineAreStatedNotPlaced() {
        // 5683 n6 (docs/needles.md, forty-second round, branch needleplane24): the window's two slices 0.81 mm apart across, both
        // on one side of the centreline (+0.25, +1.06), the tip 0.66 mm across on the other side, stated ±0.40. The shaft's slice
        // would move it the wrong way; where the centreline does not lie between the two, the tip stays and its statement grows
        // by the gap. Here: the same needle's voxels at 0 in the slice at 0 and a strand's at 1.2 mm across in the slice at 5, and
        // the run's curve fitted to the needle's voxels moved 0.3 mm the other way (its centreline off to one side of both).
        // Exact: the tip unmoved, the statement the old one plus the gap (0.9 mm within the voxels' weighting: over 0.6).
        List<Vec3> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Vec3> moved = new ArrayList<>();
        for (double s = -100; s <= 0; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                double w = Math.exp(-a * a / (2 * 0.6 * 0.6));
                addFlat(points, weights, AXIS.times(s).plus(ACROSS.times(a)), w);
                Vec3 q = AXIS.times(s).plus(ACROSS.times(a - 0.3));
                moved.add(new Vec3(q.x(), q.y(), Math.rint(q.z() / 5) * 5));
            }
        }
        int needle = points.size();
        for (double s = -8; s <= 5; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                Vec3 q = AXIS.times(s).plus(ACROSS.times(1.2 + a));
                points.add(new Vec3(q.x(), q.y(), 5));
                weights.add(Math.exp(-a * a / (2 * 0.6 * 0.6)));
            }
        }
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        SpaceCurve curve = NeedleFinder.refit(moved.toArray(new Vec3[0]), java.util.Arrays.copyOf(w, needle), AXIS, 1);
        NeedleFinder.Run run = new NeedleFinder.Run(p, w, curve);
        FoundNeedle found = needleOnTheCentreline(run);
        double[] slices = NeedleFinder.shaftsSliceAcrossMm(p, w, curve, curve.parameterOf(found.tipMm()),
                curve.parameterOf(found.hubSideEndMm()));
        assertThat(slices).as("two slices apart across, the centreline between neither").isNotNull();
        assertThat(slices[0]).isNaN();
        assertThat(slices[1]).isGreaterThan(NeedleFinder.TWO_SLICES_APART_MM);
        FoundNeedle stated = NeedleFinder.onShaftsSlice(found, run);
        assertThat(stated.tipMm()).isEqualTo(found.tipMm());
        assertThat(stated.tipInPlaneUncertaintyMm()).isEqualTo(found.tipInPlaneUncertaintyMm() + slices[1]);
    }

    /** The run of these voxels with its curve fitted as refine fits it. */
    private static NeedleFinder.Run run(List<Vec3> points, List<Double> weights) {
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new NeedleFinder.Run(p, w, NeedleFinder.refit(p, w, AXIS, 1));
    }

    /** The needle whose true tip is the origin, its tip on the run's centreline there and stated as the finder states it. */
    private static FoundNeedle needleOnTheCentreline(NeedleFinder.Run run) {
        SpaceCurve curve = run.curve();
        Vec3 tip = curve.at(curve.parameterOf(Vec3.ZERO));
        Vec3 hub = curve.at(curve.parameterOf(AXIS.times(-100)));
        return new FoundNeedle(tip, hub, AXIS, 100, List.of(hub, tip), true, true, 0, 0, 0, 0,
                NeedleFinder.tipInPlaneUncertaintyMm(run.points(), run.weights(), curve, tip));
    }

    /** A voxel at {@code p} in the 5 mm slice it lies in. */
    private static void addFlat(List<Vec3> points, List<Double> weights, Vec3 p, double weight) {
        points.add(new Vec3(p.x(), p.y(), Math.rint(p.z() / 5) * 5));
        weights.add(weight);
    }

    /**
     * A run of a 100 mm needle's voxels (tip at the origin; every 0.75 mm grid point within 1 mm of the axis in the plane,
     * weighed by a Gaussian of 0.6 mm, a little voxel noise), each moved across the needle in the plane by {@code wobble}'s
     * value for its 5 mm piece; the curve fitted as refine fits it. The tip's error across the needle in the plane (the curve at
     * the true tip's parameter) and its statement, mm.
     */
    private static double[] tipErrorAndStatement(double[] wobble, SplittableRandom rnd) {
        List<Vec3> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (double s = -100; s <= 0; s += 0.75) {
            for (double a = -0.75; a <= 0.75; a += 0.75) {
                Vec3 p = AXIS.times(s).plus(ACROSS.times(a + wobble[(int) (-s / 5)]));
                points.add(new Vec3(p.x(), p.y(), Math.rint(p.z() / 5) * 5));
                weights.add(Math.exp(-a * a / (2 * 0.6 * 0.6)) * (1 + 0.05 * gaussian(rnd)));
            }
        }
        Vec3[] p = points.toArray(new Vec3[0]);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        SpaceCurve curve = NeedleFinder.refit(p, w, AXIS, 1);
        Vec3 tip = curve.at(curve.parameterOf(Vec3.ZERO));
        return new double[] {Math.abs(tip.dot(ACROSS)), NeedleFinder.tipInPlaneUncertaintyMm(p, w, curve, tip)};
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
