package org.seedplan.verify.scanner;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Something dense on a post-operative CT, built from material primitives: an iodine-125 seed
 * (titanium capsule with a silver marker), a metal implant (pedicle screw, stent, embolisation coil,
 * surgical clip, wire) or a calcification; with the centre and axis that locate it.
 */
public record DenseObject(Kind kind, Vec3 centreMm, Vec3 axis, List<Primitive> primitives) {

    /** What the object is. */
    public enum Kind { SEED, SCREW, STENT, COIL, CLIP, WIRE, CALCIFICATION }

    public DenseObject {
        primitives = List.copyOf(primitives);
        axis = axis.normalized();
    }

    /**
     * A 6711-type seed: a titanium tube 4.5 mm long, 0.8 mm across with a 0.05 mm wall, closed by
     * 0.25 mm titanium end welds, holding a silver marker rod 3.0 × 0.5 mm at its centre.
     */
    public static DenseObject seed(Vec3 centreMm, Vec3 axis) {
        Vec3 u = axis.normalized();
        List<Primitive> p = new ArrayList<>();
        p.add(new Primitive(centreMm.minus(u.times(2.25)), centreMm.plus(u.times(2.25)), 0.4, 0.35, Material.TITANIUM));
        p.add(new Primitive(centreMm.minus(u.times(2.25)), centreMm.minus(u.times(2.0)), 0.35, 0, Material.TITANIUM));
        p.add(new Primitive(centreMm.plus(u.times(2.0)), centreMm.plus(u.times(2.25)), 0.35, 0, Material.TITANIUM));
        p.add(new Primitive(centreMm.minus(u.times(1.5)), centreMm.plus(u.times(1.5)), 0.25, 0, Material.SILVER));
        return new DenseObject(Kind.SEED, centreMm, u, p);
    }

    /**
     * A titanium pedicle screw along {@code axis} from its tip: a 4 mm core, a thread of 6.5 mm outer
     * diameter and 2.5 mm pitch (0.8 mm thick rings), and a 10 mm head at the back end.
     */
    public static DenseObject pedicleScrew(Vec3 tipMm, Vec3 axis, double lengthMm) {
        Vec3 u = axis.normalized();
        List<Primitive> p = new ArrayList<>();
        p.add(new Primitive(tipMm, tipMm.plus(u.times(lengthMm)), 2.0, 0, Material.TITANIUM));
        for (double t = 1.5; t + 0.8 < lengthMm - 3; t += 2.5) {
            p.add(new Primitive(tipMm.plus(u.times(t)), tipMm.plus(u.times(t + 0.8)), 3.25, 2.0, Material.TITANIUM));
        }
        p.add(new Primitive(tipMm.plus(u.times(lengthMm)), tipMm.plus(u.times(lengthMm + 8)), 5.0, 3.5, Material.TITANIUM));
        return new DenseObject(Kind.SCREW, tipMm.plus(u.times(lengthMm / 2 + 4)), u, p);
    }

    /**
     * A nitinol stent along {@code axis}: rings of eight zig-zag struts (0.3 mm wire) every 4 mm
     * on a cylinder of the given diameter, joined by one bridge per ring.
     */
    public static DenseObject stent(Vec3 centreMm, Vec3 axis, double lengthMm, double diameterMm) {
        Vec3 u = axis.normalized();
        Vec3[] b = basis(u);
        double r = diameterMm / 2;
        int rings = (int) Math.floor(lengthMm / 4);
        List<Primitive> p = new ArrayList<>();
        for (int ring = 0; ring < rings; ring++) {
            double t0 = -lengthMm / 2 + ring * 4;
            for (int s = 0; s < 16; s++) {
                double a0 = 2 * Math.PI * s / 16;
                double a1 = 2 * Math.PI * (s + 1) / 16;
                Vec3 p0 = onCylinder(centreMm, u, b, r, a0, t0 + (s % 2 == 0 ? 0 : 3));
                Vec3 p1 = onCylinder(centreMm, u, b, r, a1, t0 + (s % 2 == 0 ? 3 : 0));
                p.add(new Primitive(p0, p1, 0.15, 0, Material.NITINOL));
            }
            if (ring + 1 < rings) {
                double a = 2 * Math.PI * ring / 5;
                p.add(new Primitive(onCylinder(centreMm, u, b, r, a, t0 + 3), onCylinder(centreMm, u, b, r, a, t0 + 4), 0.15, 0,
                        Material.NITINOL));
            }
        }
        return new DenseObject(Kind.STENT, centreMm, u, p);
    }

    /**
     * A platinum embolisation coil: a 0.3 mm wire wound as a helix of 0.6 mm pitch around a circle,
     * the secondary shape of the given diameter, turned over several loops into a ball.
     */
    public static DenseObject coil(Vec3 centreMm, Vec3 axis, double diameterMm, int loops) {
        Vec3 u = axis.normalized();
        Vec3[] b = basis(u);
        double big = diameterMm / 2;
        double small = 0.4;
        List<Primitive> p = new ArrayList<>();
        Vec3 prev = null;
        int steps = loops * 360;
        for (int s = 0; s <= steps; s++) {
            double t = 2 * Math.PI * s / 360.0;
            double tilt = Math.PI * s / steps;
            // The loop plane turns about e1 as the coil winds, so the loops fill a ball.
            Vec3 n2 = b[1].times(Math.cos(tilt)).plus(u.times(Math.sin(tilt)));
            Vec3 radial = b[0].times(Math.cos(t)).plus(n2.times(Math.sin(t)));
            Vec3 tangent = b[0].times(-Math.sin(t)).plus(n2.times(Math.cos(t)));
            Vec3 binormal = radial.cross(tangent).normalized();
            double w = 2 * Math.PI * t * big / 0.6;
            Vec3 q = centreMm.plus(radial.times(big + small * Math.cos(w))).plus(binormal.times(small * Math.sin(w)));
            if (prev != null) {
                p.add(new Primitive(prev, q, 0.15, 0, Material.PLATINUM));
            }
            prev = q;
        }
        return new DenseObject(Kind.COIL, centreMm, u, p);
    }

    /** A titanium ligation clip: two legs 7 mm long, 1.2 × 0.5 mm in section, closed in a narrow V. */
    public static DenseObject clip(Vec3 hingeMm, Vec3 axis, Vec3 across) {
        Vec3 u = axis.normalized();
        Vec3 v = across.minus(u.times(across.dot(u))).normalized();
        List<Primitive> p = new ArrayList<>();
        for (int side = -1; side <= 1; side += 2) {
            Vec3 end = hingeMm.plus(u.times(7)).plus(v.times(side * 0.9));
            Vec3 start = hingeMm.plus(v.times(side * 0.3));
            // A 1.2 × 0.5 mm leg as two 0.25 mm rods side by side.
            Vec3 w = u.cross(v).normalized().times(0.3);
            p.add(new Primitive(start.plus(w), end.plus(w), 0.25, 0, Material.TITANIUM));
            p.add(new Primitive(start.minus(w), end.minus(w), 0.25, 0, Material.TITANIUM));
        }
        return new DenseObject(Kind.CLIP, hingeMm.plus(u.times(3.5)), u, p);
    }

    /** A steel wire of the given diameter through the given points (a cerclage or guide wire). */
    public static DenseObject wire(List<Vec3> pointsMm, double diameterMm) {
        List<Primitive> p = new ArrayList<>();
        for (int s = 0; s + 1 < pointsMm.size(); s++) {
            p.add(new Primitive(pointsMm.get(s), pointsMm.get(s + 1), diameterMm / 2, 0, Material.STEEL));
        }
        Vec3 first = pointsMm.get(0);
        Vec3 last = pointsMm.get(pointsMm.size() - 1);
        return new DenseObject(Kind.WIRE, first.plus(last).times(0.5), last.minus(first), p);
    }

    /** A calcification: a ball of the given diameter. */
    public static DenseObject calcification(Vec3 centreMm, double diameterMm) {
        return new DenseObject(Kind.CALCIFICATION, centreMm, Vec3.UNIT_Z,
                List.of(Primitive.ball(centreMm, diameterMm / 2, Material.CALCIFICATION)));
    }

    /** Lower corner of the object's bounding box, mm. */
    public Vec3 min() {
        Vec3 m = primitives.get(0).min();
        for (Primitive p : primitives) {
            Vec3 q = p.min();
            m = new Vec3(Math.min(m.x(), q.x()), Math.min(m.y(), q.y()), Math.min(m.z(), q.z()));
        }
        return m;
    }

    /** Upper corner of the object's bounding box, mm. */
    public Vec3 max() {
        Vec3 m = primitives.get(0).max();
        for (Primitive p : primitives) {
            Vec3 q = p.max();
            m = new Vec3(Math.max(m.x(), q.x()), Math.max(m.y(), q.y()), Math.max(m.z(), q.z()));
        }
        return m;
    }

    static Vec3[] basis(Vec3 u) {
        Vec3 helper = Math.abs(u.z()) < 0.9 ? Vec3.UNIT_Z : new Vec3(1, 0, 0);
        Vec3 e1 = u.cross(helper).normalized();
        return new Vec3[] {e1, u.cross(e1).normalized()};
    }

    private static Vec3 onCylinder(Vec3 c, Vec3 u, Vec3[] b, double r, double angle, double along) {
        return c.plus(u.times(along)).plus(b[0].times(r * Math.cos(angle))).plus(b[1].times(r * Math.sin(angle)));
    }
}
