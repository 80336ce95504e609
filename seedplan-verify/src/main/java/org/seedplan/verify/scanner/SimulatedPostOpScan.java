package org.seedplan.verify.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.scanner.TrueSeed.Situation;

/**
 * A simulated post-operative CT of the bench with its ground truth: the seeds of the implant, an
 * earlier implant's seeds if any, and the other dense objects (implants, calcifications).
 */
public record SimulatedPostOpScan(BenchScanSpec spec, Volume ct, List<TrueSeed> seeds, List<TrueSeed> previousSeeds,
                                  List<DenseObject> others) {

    /** Least distance between the axes of seeds of different groups, mm. */
    static final double GROUP_CLEARANCE_MM = 5.0;
    /** Least distance between a seed's axis and another object's material (except the seed placed beside it), mm. */
    static final double OBJECT_CLEARANCE_MM = 5.0;
    private static final double SEED_LENGTH_MM = 4.5;
    private static final double SEED_RADIUS_MM = 0.4;

    public SimulatedPostOpScan {
        seeds = List.copyOf(seeds);
        previousSeeds = List.copyOf(previousSeeds);
        others = List.copyOf(others);
    }

    /** Lays out the seeds and objects the spec describes and images them. */
    public static SimulatedPostOpScan generate(BenchScanSpec spec) {
        Grid grid = new Grid(new Vec3(-(spec.nx() - 1) * spec.pixelMm() / 2, -(spec.ny() - 1) * spec.pixelMm() / 2,
                -(spec.nz() - 1) * spec.sliceMm() / 2), spec.pixelMm(), spec.pixelMm(), spec.sliceMm(), spec.nx(), spec.ny(), spec.nz());
        Layout l = new Layout(spec, grid);
        l.build();
        List<DenseObject> all = new ArrayList<>(l.others);
        for (TrueSeed s : l.seeds) {
            all.add(DenseObject.seed(s.centreMm(), s.axis()));
        }
        for (TrueSeed s : l.previous) {
            all.add(DenseObject.seed(s.centreMm(), s.axis()));
        }
        Volume ct = new PostOpScanner(spec.scanner()).scan(grid, all, spec.randomSeed() * 7919 + 13);
        return new SimulatedPostOpScan(spec, ct, l.seeds, l.previous, l.others);
    }

    /** The random layout: implants first, then seed groups placed by rejection until they keep their clearances. */
    private static final class Layout {
        final BenchScanSpec spec;
        final Grid grid;
        final SplittableRandom rnd;
        final Vec3 origin;
        final List<TrueSeed> seeds = new ArrayList<>();
        final List<TrueSeed> previous = new ArrayList<>();
        final List<DenseObject> others = new ArrayList<>();

        Layout(BenchScanSpec spec, Grid grid) {
            this.spec = spec;
            this.grid = grid;
            this.rnd = new SplittableRandom(spec.randomSeed());
            this.origin = Anatomy.centre(grid);
        }

        Vec3 at(double x, double y, double z) {
            return origin.plus(new Vec3(x, y, z));
        }

        void build() {
            for (DenseObject.Kind k : DenseObject.Kind.values()) {
                if (spec.otherMetal().contains(k)) {
                    others.add(implant(k));
                }
            }
            for (DenseObject o : List.copyOf(others)) {
                if (o.kind() == DenseObject.Kind.SCREW || o.kind() == DenseObject.Kind.STENT) {
                    besideMetal(o);
                }
            }
            for (int n = 0; n < spec.needles(); n++) {
                place(this::needle, seeds);
            }
            place(() -> pair(true), seeds);
            place(() -> pair(false), seeds);
            place(this::clump, seeds);
            place(this::touchingBone, seeds);
            place(this::migrated, seeds);
            if (spec.previousImplant()) {
                for (int n = 0; n < 6; n++) {
                    place(this::previousSeed, previous);
                }
            }
            for (int c = 0; c < 3; c++) {
                calcification();
            }
        }

        DenseObject implant(DenseObject.Kind k) {
            return switch (k) {
                case SCREW -> DenseObject.pedicleScrew(at(-2, 32, 0), new Vec3(-0.2, 1, 0.15), 24);
                case STENT -> DenseObject.stent(at(6, 10, 0), new Vec3(0.1, 0.2, 1), 36, 10);
                case COIL -> DenseObject.coil(at(14, -34, 8), new Vec3(0.3, 0.2, 1), 6, 4);
                case CLIP -> DenseObject.clip(at(-52, -26, -8), new Vec3(1, 0.3, 0.5), Vec3.UNIT_Z);
                case WIRE -> {
                    List<Vec3> pts = new ArrayList<>();
                    for (int s = 0; s <= 20; s++) {
                        double t = s / 20.0;
                        pts.add(at(-40 + 70 * t, -50 + 6 * Math.sin(Math.PI * t), -15 + 30 * t));
                    }
                    yield DenseObject.wire(pts, 0.8);
                }
                default -> throw new IllegalArgumentException("not an implant: " + k);
            };
        }

        /** A seed parallel to the implant, its surface 2 mm from the implant's surface (at the screw's head, the stent's wall). */
        void besideMetal(DenseObject o) {
            Vec3 u = o.axis();
            Vec3 side = DenseObject.basis(u)[0];
            Vec3 c;
            if (o.kind() == DenseObject.Kind.SCREW) {
                // The head: 5 mm radius, from 24 to 32 mm behind the tip; the screw's centre is 16 mm behind the tip.
                c = o.centreMm().plus(u.times(12)).plus(side.times(5 + 2 + SEED_RADIUS_MM));
            } else {
                c = o.centreMm().plus(u.times(rnd.nextDouble(-8, 8))).plus(side.times(5 + 0.1 + 2 + SEED_RADIUS_MM));
            }
            seeds.add(new TrueSeed(c, u, Situation.BESIDE_METAL));
        }

        void place(Supplier<List<TrueSeed>> maker, List<TrueSeed> into) {
            for (int attempt = 0; attempt < 20000; attempt++) {
                List<TrueSeed> group = maker.get();
                if (group != null && fits(group)) {
                    into.addAll(group);
                    return;
                }
            }
            throw new IllegalArgumentException("bench scan: cannot place " + (seeds.size() + 1) + " seeds with "
                    + GROUP_CLEARANCE_MM + " mm clearance: use fewer needles");
        }

        boolean fits(List<TrueSeed> group) {
            double margin = SEED_LENGTH_MM / 2 + 2 * spec.sliceMm() + 2;
            Vec3 lo = grid.minCornerMm();
            Vec3 hi = grid.maxCornerMm();
            for (TrueSeed s : group) {
                Vec3 c = s.centreMm();
                if (c.x() < lo.x() + margin || c.x() > hi.x() - margin || c.y() < lo.y() + margin || c.y() > hi.y() - margin
                        || c.z() < lo.z() + margin || c.z() > hi.z() - margin) {
                    return false;
                }
                for (List<TrueSeed> list : List.of(seeds, previous)) {
                    for (TrueSeed o : list) {
                        if (SegmentDistance.between(end(s, -1), end(s, 1), end(o, -1), end(o, 1)) < GROUP_CLEARANCE_MM) {
                            return false;
                        }
                    }
                }
                for (DenseObject o : others) {
                    for (Primitive p : o.primitives()) {
                        if (SegmentDistance.between(end(s, -1), end(s, 1), p.a(), p.b()) < OBJECT_CLEARANCE_MM + p.outerRadiusMm()) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        static Vec3 end(TrueSeed s, int sign) {
            return s.centreMm().plus(s.axis().times(sign * SEED_LENGTH_MM / 2));
        }

        Vec3 randomDirection() {
            double z = rnd.nextDouble(-1, 1);
            double phi = rnd.nextDouble(0, 2 * Math.PI);
            double r = Math.sqrt(1 - z * z);
            return new Vec3(r * Math.cos(phi), r * Math.sin(phi), z);
        }

        Vec3 inImplant(double radiusMm) {
            while (true) {
                Vec3 p = new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
                if (p.norm() <= 1) {
                    return origin.plus(Anatomy.IMPLANT_CENTRE).plus(p.times(radiusMm));
                }
            }
        }

        Vec3 jitter(Vec3 axis, double maxDegrees) {
            Vec3[] b = DenseObject.basis(axis);
            double t = Math.tan(Math.toRadians(rnd.nextDouble(0, maxDegrees)));
            double phi = rnd.nextDouble(0, 2 * Math.PI);
            return axis.plus(b[0].times(t * Math.cos(phi))).plus(b[1].times(t * Math.sin(phi))).normalized();
        }

        /** Four seeds on a needle track, 7–10 mm apart, each tilted up to 6° and off the track by up to 0.4 mm. */
        List<TrueSeed> needle() {
            Vec3 dir = randomDirection();
            Vec3 start = inImplant(Anatomy.IMPLANT_RADIUS_MM * 0.7);
            List<TrueSeed> out = new ArrayList<>();
            double along = -12;
            Vec3[] b = DenseObject.basis(dir);
            for (int s = 0; s < 4; s++) {
                Vec3 c = start.plus(dir.times(along)).plus(b[0].times(rnd.nextDouble(-0.4, 0.4))).plus(b[1].times(rnd.nextDouble(-0.4, 0.4)));
                out.add(new TrueSeed(c, jitter(dir, 6), Situation.NEEDLE));
                along += rnd.nextDouble(7, 10);
            }
            return out;
        }

        /** Two seeds touching end to end (0.1 mm gap) or side by side (axes 0.85 mm apart). */
        List<TrueSeed> pair(boolean endToEnd) {
            Vec3 dir = randomDirection();
            Vec3 mid = inImplant(Anatomy.IMPLANT_RADIUS_MM);
            Vec3 off = endToEnd ? dir.times((SEED_LENGTH_MM + 0.1) / 2) : DenseObject.basis(dir)[0].times(0.425);
            Situation s = endToEnd ? Situation.END_TO_END : Situation.SIDE_BY_SIDE;
            return List.of(new TrueSeed(mid.minus(off), dir, s), new TrueSeed(mid.plus(off), jitter(dir, 3), s));
        }

        /** Three parallel seeds bundled in a triangle, axes 0.85 mm apart, shifted along their axis by up to 0.5 mm. */
        List<TrueSeed> clump() {
            Vec3 dir = randomDirection();
            Vec3 mid = inImplant(Anatomy.IMPLANT_RADIUS_MM);
            Vec3[] b = DenseObject.basis(dir);
            List<TrueSeed> out = new ArrayList<>();
            double r = 0.85 / Math.sqrt(3);
            for (int k = 0; k < 3; k++) {
                double a = 2 * Math.PI * k / 3;
                Vec3 c = mid.plus(b[0].times(r * Math.cos(a))).plus(b[1].times(r * Math.sin(a))).plus(dir.times(rnd.nextDouble(-0.5, 0.5)));
                out.add(new TrueSeed(c, dir, Situation.CLUMP));
            }
            return out;
        }

        /** A seed lying on the anterior cortex of the vertebra (0.2 mm gap), along the surface or along z. */
        List<TrueSeed> touchingBone() {
            double angle = Math.toRadians(rnd.nextDouble(200, 250));
            Vec3 radial = new Vec3(Math.cos(angle), Math.sin(angle), 0);
            double z = rnd.nextDouble(-10, 10);
            Vec3 c = origin.plus(Anatomy.VERTEBRA_CENTRE).plus(radial.times(Anatomy.VERTEBRA_RADIUS_MM + 0.2 + SEED_RADIUS_MM))
                    .plus(new Vec3(0, 0, z));
            Vec3 axis = rnd.nextBoolean() ? Vec3.UNIT_Z : new Vec3(-radial.y(), radial.x(), 0);
            if (axis.z() == 0) {
                // A straight seed along the curved surface: move it out so that its ends clear the cortex.
                double r = Anatomy.VERTEBRA_RADIUS_MM + 0.2 + SEED_RADIUS_MM;
                c = c.plus(radial.times(Math.sqrt(r * r + SEED_LENGTH_MM * SEED_LENGTH_MM / 4) - r));
            }
            return List.of(new TrueSeed(c, axis, Situation.TOUCHING_BONE));
        }

        /** A seed migrated into the lung, at least 45 mm from the implant's centre. */
        List<TrueSeed> migrated() {
            Vec3 c = origin.plus(Anatomy.LUNG_CENTRE).plus(new Vec3(rnd.nextDouble(-10, 10), rnd.nextDouble(-15, 15),
                    rnd.nextDouble(-15, 15)));
            return List.of(new TrueSeed(c, randomDirection(), Situation.MIGRATED));
        }

        /** A seed of an earlier implant, within 9 mm of a point 37 mm from the new implant's centre. */
        List<TrueSeed> previousSeed() {
            Vec3 p;
            do {
                p = new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
            } while (p.norm() > 1);
            Vec3 c = at(-35, 25, 0).plus(p.times(9));
            return List.of(new TrueSeed(c, randomDirection(), Situation.PREVIOUS_IMPLANT));
        }

        /** A calcification of 2–3 mm at least 6 mm from every seed and object, near the implant. */
        void calcification() {
            for (int attempt = 0; attempt < 2000; attempt++) {
                Vec3 c = inImplant(Anatomy.IMPLANT_RADIUS_MM + 8);
                boolean clear = true;
                for (List<TrueSeed> list : List.of(seeds, previous)) {
                    for (TrueSeed s : list) {
                        clear &= SegmentDistance.between(c, c, end(s, -1), end(s, 1)) > 6;
                    }
                }
                for (DenseObject o : others) {
                    clear &= o.centreMm().distanceTo(c) > 25;
                }
                if (clear) {
                    others.add(DenseObject.calcification(c, rnd.nextDouble(2, 3)));
                    return;
                }
            }
        }
    }
}
