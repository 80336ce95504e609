package org.seedplan.geometry;

/**
 * Shortest distance between two line segments in 3D (closest points by clamped parameters;
 * Ericson, Real-Time Collision Detection, 2005, §5.1.9).
 */
public final class SegmentDistance {

    private SegmentDistance() {
    }

    /** Shortest distance (mm) between the segments p1–q1 and p2–q2; a point is a segment of length 0. */
    public static double between(Vec3 p1, Vec3 q1, Vec3 p2, Vec3 q2) {
        Vec3 d1 = q1.minus(p1);
        Vec3 d2 = q2.minus(p2);
        Vec3 r = p1.minus(p2);
        double a = d1.dot(d1);
        double e = d2.dot(d2);
        double f = d2.dot(r);
        double s;
        double t;
        if (a <= 1e-12 && e <= 1e-12) {
            return r.norm();
        }
        if (a <= 1e-12) {
            s = 0;
            t = clamp(f / e);
        } else {
            double c = d1.dot(r);
            if (e <= 1e-12) {
                t = 0;
                s = clamp(-c / a);
            } else {
                double b = d1.dot(d2);
                double denom = a * e - b * b;
                s = denom > 1e-12 ? clamp((b * f - c * e) / denom) : 0;
                t = (b * s + f) / e;
                if (t < 0) {
                    t = 0;
                    s = clamp(-c / a);
                } else if (t > 1) {
                    t = 1;
                    s = clamp((b - c) / a);
                }
            }
        }
        Vec3 c1 = p1.plus(d1.times(s));
        Vec3 c2 = p2.plus(d2.times(t));
        return c1.distanceTo(c2);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
