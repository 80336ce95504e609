package org.seedplan.verify.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.phantom.SeedPose.Arrangement;

/**
 * Places the seeds of a synthetic implant: needle tracks in random directions (every orientation
 * relative to the slices occurs) with seeds 10 mm apart, touching end-to-end pairs and side-by-side
 * clumps of three. Groups keep a clearance of {@value #GROUP_CLEARANCE_MM} mm between seed axes,
 * like needles of a template.
 */
public final class PhantomLayout {

    /** Shortest distance between the axes of seeds of different groups, mm. */
    static final double GROUP_CLEARANCE_MM = 5.0;
    /** Centre-to-centre distance of seeds along a needle, mm. */
    static final double NEEDLE_PITCH_MM = 10.0;
    /** Axis-to-axis distance of seeds touching side by side, mm (0.8 mm seeds, 0.05 mm gap). */
    static final double SIDE_BY_SIDE_MM = 0.85;
    /** Gap between the ends of seeds touching end to end, mm. */
    static final double END_TO_END_GAP_MM = 0.1;

    private final PhantomSpec spec;
    private final Grid grid;
    private final SplittableRandom rnd;
    private final List<SeedPose> placed = new ArrayList<>();

    private PhantomLayout(PhantomSpec spec, Grid grid) {
        this.spec = spec;
        this.grid = grid;
        this.rnd = new SplittableRandom(spec.randomSeed());
    }

    /** The seeds of the phantom described by {@code spec} on {@code grid}. */
    public static List<SeedPose> place(PhantomSpec spec, Grid grid) {
        PhantomLayout layout = new PhantomLayout(spec, grid);
        for (int n = 0; n < spec.needles(); n++) {
            layout.placeGroup(layout::needle);
        }
        for (int n = 0; n < spec.touchingPairs(); n++) {
            layout.placeGroup(layout::pair);
        }
        for (int n = 0; n < spec.clumpsOfThree(); n++) {
            layout.placeGroup(layout::clump);
        }
        return List.copyOf(layout.placed);
    }

    private void placeGroup(java.util.function.Supplier<List<SeedPose>> maker) {
        for (int attempt = 0; attempt < 20000; attempt++) {
            List<SeedPose> group = maker.get();
            if (fits(group)) {
                placed.addAll(group);
                return;
            }
        }
        throw new IllegalArgumentException("phantom: cannot place " + spec.seedCount() + " seeds with "
                + GROUP_CLEARANCE_MM + " mm clearance within " + spec.implantRadiusMm()
                + " mm of the centre: enlarge implantRadiusMm or use fewer seeds");
    }

    private boolean fits(List<SeedPose> group) {
        double len = spec.imaging().seedLengthMm();
        double margin = len / 2 + 4 * spec.sliceMm() / 2.355 + 2;
        Vec3 lo = grid.minCornerMm();
        Vec3 hi = grid.maxCornerMm();
        for (SeedPose s : group) {
            Vec3 c = s.centreMm();
            if (c.x() < lo.x() + margin || c.x() > hi.x() - margin || c.y() < lo.y() + margin || c.y() > hi.y() - margin
                    || c.z() < lo.z() + margin || c.z() > hi.z() - margin) {
                return false;
            }
            for (SeedPose o : placed) {
                if (SegmentDistance.between(s.end(len, -1), s.end(len, 1), o.end(len, -1), o.end(len, 1)) < GROUP_CLEARANCE_MM) {
                    return false;
                }
            }
        }
        return true;
    }

    private Vec3 centre() {
        Grid g = grid;
        return new Vec3((g.x(0) + g.x(g.nx() - 1)) / 2, (g.y(0) + g.y(g.ny() - 1)) / 2, (g.z(0) + g.z(g.nz() - 1)) / 2);
    }

    private Vec3 pointInImplant(double radiusMm) {
        while (true) {
            Vec3 p = new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
            if (p.norm() <= 1) {
                return centre().plus(p.times(radiusMm));
            }
        }
    }

    /** A direction uniformly distributed on the sphere (so all tilts against the slices occur). */
    private Vec3 randomDirection() {
        double z = rnd.nextDouble(-1, 1);
        double phi = rnd.nextDouble(0, 2 * Math.PI);
        double r = Math.sqrt(1 - z * z);
        return new Vec3(r * Math.cos(phi), r * Math.sin(phi), z);
    }

    private Vec3 tilt(Vec3 axis, double maxDegrees) {
        Vec3[] b = perpendicularBasis(axis);
        double t = Math.tan(Math.toRadians(rnd.nextDouble(0, maxDegrees)));
        double phi = rnd.nextDouble(0, 2 * Math.PI);
        return axis.plus(b[0].times(t * Math.cos(phi))).plus(b[1].times(t * Math.sin(phi))).normalized();
    }

    static Vec3[] perpendicularBasis(Vec3 axis) {
        Vec3 helper = Math.abs(axis.z()) < 0.9 ? Vec3.UNIT_Z : new Vec3(1, 0, 0);
        Vec3 u = axis.cross(helper).normalized();
        Vec3 v = axis.cross(u).normalized();
        return new Vec3[] {u, v};
    }

    private List<SeedPose> needle() {
        Vec3 dir = randomDirection();
        Vec3 mid = pointInImplant(spec.implantRadiusMm() * 0.5);
        int n = spec.seedsPerNeedle();
        List<SeedPose> seeds = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double along = (s - (n - 1) / 2.0) * NEEDLE_PITCH_MM + rnd.nextDouble(-0.5, 0.5);
            Vec3[] b = perpendicularBasis(dir);
            Vec3 c = mid.plus(dir.times(along)).plus(b[0].times(rnd.nextDouble(-0.3, 0.3)))
                    .plus(b[1].times(rnd.nextDouble(-0.3, 0.3)));
            seeds.add(new SeedPose(c, tilt(dir, 8), Arrangement.ISOLATED));
        }
        return seeds;
    }

    private List<SeedPose> pair() {
        Vec3 dir = randomDirection();
        Vec3 mid = pointInImplant(spec.implantRadiusMm());
        double half = (spec.imaging().seedLengthMm() + END_TO_END_GAP_MM) / 2;
        return List.of(new SeedPose(mid.minus(dir.times(half)), dir, Arrangement.TOUCHING_PAIR),
                new SeedPose(mid.plus(dir.times(half)), tilt(dir, 4), Arrangement.TOUCHING_PAIR));
    }

    private List<SeedPose> clump() {
        Vec3 dir = randomDirection();
        Vec3 mid = pointInImplant(spec.implantRadiusMm());
        Vec3[] b = perpendicularBasis(dir);
        double[][] offsets;
        if (rnd.nextBoolean()) {
            offsets = new double[][] {{-SIDE_BY_SIDE_MM, 0}, {0, 0}, {SIDE_BY_SIDE_MM, 0}};
        } else {
            double r = SIDE_BY_SIDE_MM / Math.sqrt(3);
            offsets = new double[3][];
            for (int k = 0; k < 3; k++) {
                double a = 2 * Math.PI * k / 3;
                offsets[k] = new double[] {r * Math.cos(a), r * Math.sin(a)};
            }
        }
        List<SeedPose> seeds = new ArrayList<>();
        for (double[] o : offsets) {
            Vec3 c = mid.plus(b[0].times(o[0])).plus(b[1].times(o[1])).plus(dir.times(rnd.nextDouble(-0.4, 0.4)));
            seeds.add(new SeedPose(c, dir, Arrangement.CLUMP_OF_THREE));
        }
        return seeds;
    }
}
