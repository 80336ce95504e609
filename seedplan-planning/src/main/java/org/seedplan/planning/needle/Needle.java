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
}
