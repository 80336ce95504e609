package org.seedplan.planning.needle;

import org.seedplan.geometry.Vec3;

/**
 * One straight needle path: where it enters (template hole or skin), where its tip ends, and the
 * template hole label (null for free-hand needles). {@code fixed} needles are kept by re-planning.
 */
public record Needle(Vec3 entryMm, Vec3 tipMm, String hole, boolean fixed) {

    public Needle {
        if (!(entryMm.distanceTo(tipMm) > 0)) {
            throw new IllegalArgumentException("needle entry and tip coincide at " + entryMm);
        }
    }

    /** Unit vector from entry to tip. */
    public Vec3 direction() {
        return tipMm.minus(entryMm).normalized();
    }

    /** Insertion depth from entry to tip, mm. */
    public double depthMm() {
        return entryMm.distanceTo(tipMm);
    }

    /** The point {@code distanceMm} back from the tip towards the entry. */
    public Vec3 pointFromTip(double distanceMm) {
        return tipMm.minus(direction().times(distanceMm));
    }

    /** Angle between the needle and a reference direction, degrees in [0, 180]. */
    public double angleToDeg(Vec3 reference) {
        double c = Math.max(-1, Math.min(1, direction().dot(reference.normalized())));
        return Math.toDegrees(Math.acos(c));
    }

    /**
     * Cranio-caudal tilt: the angle between the needle and the axial (transverse) CT plane, degrees,
     * positive towards +z (superior in LPS).
     */
    public double tiltFromAxialDeg() {
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, direction().z()))));
    }

    /** In-plane angle in the axial plane, measured from +x (patient left) towards +y (posterior), degrees. */
    public double axialAngleDeg() {
        Vec3 d = direction();
        return Math.toDegrees(Math.atan2(d.y(), d.x()));
    }

    /** Shortest distance between the segments a0–a1 and b0–b1, mm. */
    public static double segmentDistanceMm(Vec3 a0, Vec3 a1, Vec3 b0, Vec3 b1) {
        // Closest points of two segments (Ericson, Real-Time Collision Detection, §5.1.9).
        Vec3 d1 = a1.minus(a0);
        Vec3 d2 = b1.minus(b0);
        Vec3 r = a0.minus(b0);
        double a = d1.dot(d1);
        double e = d2.dot(d2);
        double f = d2.dot(r);
        double s;
        double t;
        double c = d1.dot(r);
        double b = d1.dot(d2);
        if (a < 1e-12 && e < 1e-12) {
            return a0.distanceTo(b0);
        }
        if (a < 1e-12) {
            return a0.distanceTo(b0.plus(d2.times(clamp(f / e))));
        }
        if (e < 1e-12) {
            return b0.distanceTo(a0.plus(d1.times(clamp(-c / a))));
        }
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
        return a0.plus(d1.times(s)).distanceTo(b0.plus(d2.times(t)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
