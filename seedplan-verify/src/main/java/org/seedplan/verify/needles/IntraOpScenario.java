package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.needle.Needle;

/**
 * A random intra-operative situation with ten needles on a grid: eight parallel template needles
 * from the front (two rows of four, 10 mm apart, three of them bent), a free-hand needle crossing
 * the third one 1.6 mm from its shaft (ending away from the others), and a steep cranio-caudal needle whose hub lies above the
 * scanned range when the range is short; each placed with a tip error (σ 1.5 mm per axis) and an
 * axis error (σ 1.5°) from its plan. Eight seeds from needles already withdrawn lie between the
 * rows, and one more touches the fifth needle's shaft.
 * <p>How the eight template needles' errors are drawn depends on their {@link Guidance}. Aimed at the tip ({@link #generate(Grid,
 * long)}): the axis error turns the needle about its (displaced) tip, so their outer parts and hubs can converge by several mm
 * — free-hand needles and non-coplanar (3D-printed) templates, whose needles converge towards their entry. Through a coplanar
 * template ({@link Guidance#COPLANAR_TEMPLATE}): the needle passes through the template's fixed hole
 * {@value #TEMPLATE_GAP_MM} mm outside the skin, so the axis error pivots there and moves the tip (about 3.5 mm per 1.5° at
 * 130 mm, near the 4.4 mm mean tip error of the published template series), and the tip error's component along the axis is
 * the insertion depth error; the hubs stay within a fraction of a mm of their rows. The free-hand and the steep needle are
 * aimed at their tips either way. The same random seed draws the same plan and the same errors for both.
 *
 * @param planned the planned needles (entry on the skin side, tip)
 * @param placed  the needles as they lie, in the same order
 * @param seeds   the seeds already implanted
 */
public record IntraOpScenario(List<Needle> planned, List<SimulatedNeedle> placed, List<IntraOpCtGenerator.ImplantedSeed> seeds) {

    /** Hub of a needle outside the skin, mm. */
    static final double OUTSIDE_MM = 30;
    /** A coplanar template's holes lie this far outside the skin along the planned needle, mm. */
    static final double TEMPLATE_GAP_MM = 10;

    /** How the template needles are guided, and so where their axis errors pivot. */
    public enum Guidance {
        /** Aimed at the planned tip (free hand, non-coplanar template): the axis error turns the needle about its tip. */
        TIP_AIMED,
        /** Through a coplanar template's fixed hole: the axis error pivots at the template. */
        COPLANAR_TEMPLATE
    }

    public IntraOpScenario {
        planned = List.copyOf(planned);
        placed = List.copyOf(placed);
        seeds = List.copyOf(seeds);
    }

    /** A scenario on {@code grid} (body as drawn by {@link IntraOpCtGenerator}) with needles aimed at their tips; the same random seed gives the same scenario. */
    public static IntraOpScenario generate(Grid grid, long randomSeed) {
        return generate(grid, randomSeed, Guidance.TIP_AIMED);
    }

    /** A scenario on {@code grid} whose eight template needles are guided as {@code guidance} says; the same random seed gives the same plan. */
    public static IntraOpScenario generate(Grid grid, long randomSeed, Guidance guidance) {
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        double cx = (grid.x(0) + grid.x(grid.nx() - 1)) / 2;
        double cy = (grid.y(0) + grid.y(grid.ny() - 1)) / 2;
        double cz = (grid.z(0) + grid.z(grid.nz() - 1)) / 2;
        double ax = 0.44 * grid.nx() * grid.dxMm();
        double ay = 0.34 * grid.ny() * grid.dyMm();
        Vec3 target = new Vec3(cx + rnd.nextDouble(-0.15, 0.15) * ax, cy - rnd.nextDouble(0.1, 0.3) * ay, cz + rnd.nextDouble(-5, 5));
        // Template direction: posterior (+y), tilted up to 12° cranio-caudally and 12° sideways.
        Vec3 d0 = new Vec3(Math.tan(Math.toRadians(rnd.nextDouble(-12, 12))), 1, Math.tan(Math.toRadians(rnd.nextDouble(-12, 12))))
                .normalized();
        Vec3 ex = new Vec3(1, 0, 0).minus(d0.times(d0.x())).normalized();
        Vec3 ez = d0.cross(ex);
        List<Vec3[]> plans = new ArrayList<>();
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 4; col++) {
                Vec3 tip = target.plus(ex.times(-15 + 10 * col)).plus(ez.times(-6 + 12 * row)).plus(d0.times(rnd.nextDouble(-8, 12)));
                plans.add(new Vec3[] {tip, d0});
            }
        }
        // Free-hand needle crossing the third needle's shaft 30 mm behind its tip, 1.6 mm apart, 35° to it, ending outside the rows.
        Vec3 q = plans.get(2)[0].minus(d0.times(30));
        Vec3 away = ex.times(0.6).minus(ez.times(0.8));
        Vec3 d9 = d0.times(Math.cos(Math.toRadians(35))).plus(away.times(Math.sin(Math.toRadians(35)))).normalized();
        Vec3 gap = d0.cross(d9).normalized().times(1.6);
        plans.add(new Vec3[] {q.plus(gap).plus(d9.times(25)), d9});
        // Steep needle from above: 45° cranio-caudal.
        Vec3 d10 = new Vec3(0, Math.cos(Math.toRadians(45)), -Math.sin(Math.toRadians(45)));
        plans.add(new Vec3[] {target.plus(ex.times(25)).plus(d10.times(rnd.nextDouble(-5, 5))), d10});

        List<Needle> planned = new ArrayList<>();
        List<SimulatedNeedle> placed = new ArrayList<>();
        for (int n = 0; n < plans.size(); n++) {
            Vec3 tip = plans.get(n)[0];
            Vec3 d = plans.get(n)[1];
            double depth = depthToSkin(tip, d, cx, cy, ax, ay);
            planned.add(new Needle(tip.minus(d.times(depth)), tip, null, false));
            boolean crossingPair = n == 2 || n == 8;
            Vec3 tipError = crossingPair ? new Vec3(rnd.nextGaussian() * 0.5, rnd.nextGaussian() * 0.5, rnd.nextGaussian() * 0.5)
                    : new Vec3(rnd.nextGaussian() * 1.5, rnd.nextGaussian() * 1.5, rnd.nextGaussian() * 1.5);
            Vec3 placedTip = tip.plus(tipError);
            Vec3 axisError = SimulatedNeedle.perpendicular(d);
            axisError = rotate(axisError, d, rnd.nextDouble(0, 2 * Math.PI));
            Vec3 placedDir = d.plus(axisError.times(Math.tan(Math.toRadians(rnd.nextGaussian() * (crossingPair ? 0.3 : 1.5)))))
                    .normalized();
            if (guidance == Guidance.COPLANAR_TEMPLATE && n < 8) {
                Vec3 hole = tip.minus(d.times(depth + TEMPLATE_GAP_MM));
                placedTip = hole.plus(placedDir.times(depth + TEMPLATE_GAP_MM + tipError.dot(d)));
            }
            double length = depthToSkin(placedTip, placedDir, cx, cy, ax, ay) + OUTSIDE_MM;
            double bend = n == 0 || n == 3 || n == 6 ? rnd.nextDouble(1.5, 3.0) : 0;
            Vec3 bendDir = rotate(SimulatedNeedle.perpendicular(placedDir), placedDir, rnd.nextDouble(0, 2 * Math.PI));
            placed.add(new SimulatedNeedle(placedTip.minus(placedDir.times(length)), placedTip, bendDir, bend));
        }
        List<IntraOpCtGenerator.ImplantedSeed> seeds = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            Vec3 c = target.plus(ex.times(s % 2 == 0 ? -10 : 10)).plus(d0.times(-12 + 5 * (s / 2)));
            seeds.add(new IntraOpCtGenerator.ImplantedSeed(c, d0));
        }
        SimulatedNeedle touched = placed.get(4);
        double u = 1 - 15 / touched.chordMm();
        Vec3 axis = touched.axisAtTip(20);
        Vec3 side = SimulatedNeedle.perpendicular(axis);
        seeds.add(new IntraOpCtGenerator.ImplantedSeed(
                touched.pointAt(u).plus(side.times(IntraOpCtGenerator.NEEDLE_RADIUS_MM + IntraOpCtGenerator.SEED_RADIUS_MM + 0.05)),
                axis.plus(side.times(0.5)).normalized()));
        return new IntraOpScenario(planned, placed, seeds);
    }

    /** Distance from {@code tip} back along −{@code d} to the body outline (in the axial plane), mm. */
    private static double depthToSkin(Vec3 tip, Vec3 d, double cx, double cy, double ax, double ay) {
        double s = 0;
        while (s < 1000) {
            Vec3 p = tip.minus(d.times(s));
            if (Math.pow((p.x() - cx) / ax, 2) + Math.pow((p.y() - cy) / ay, 2) > 1) {
                return s;
            }
            s += 0.5;
        }
        throw new IllegalStateException("needle from " + tip + " never leaves the body");
    }

    /** {@code v} rotated by {@code angle} about the unit axis {@code k} (Rodrigues). */
    private static Vec3 rotate(Vec3 v, Vec3 k, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return v.times(c).plus(k.cross(v).times(s)).plus(k.times(k.dot(v) * (1 - c)));
    }
}
