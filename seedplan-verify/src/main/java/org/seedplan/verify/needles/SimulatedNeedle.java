package org.seedplan.verify.needles;

import org.seedplan.geometry.Vec3;

/**
 * A needle as it lies in the simulated patient: from its hub to its tip, bent as a cantilever
 * held at the hub (deflection {@code bendMm} at the tip towards {@code bendDirection}, growing as
 * u²(3 − u)/2 along the shaft, u = 0 at the hub and 1 at the tip).
 *
 * @param hubMm         where the steel shaft leaves the (plastic) hub, mm LPS
 * @param tipMm         the sharp end of the bevel, on the needle axis, mm LPS
 * @param bendDirection direction of the deflection (made perpendicular to the shaft)
 * @param bendMm        deflection of the tip from the straight hub–tip line's start direction, mm (0: straight)
 */
public record SimulatedNeedle(Vec3 hubMm, Vec3 tipMm, Vec3 bendDirection, double bendMm) {

    public SimulatedNeedle {
        if (!(hubMm.distanceTo(tipMm) > 10)) {
            throw new IllegalArgumentException("simulated needle from " + hubMm + " to " + tipMm + " is shorter than 10 mm");
        }
        Vec3 d = tipMm.minus(hubMm).normalized();
        Vec3 b = bendDirection.minus(d.times(bendDirection.dot(d)));
        bendDirection = b.norm() > 1e-9 ? b.normalized() : perpendicular(d);
    }

    /** The axis point at fraction {@code u} of the way from hub (0) to tip (1). */
    public Vec3 pointAt(double u) {
        // The cantilever shape is relative to the chord, so that the tip stays where it is given.
        double shape = u * u * (3 - u) / 2 - u;
        return hubMm.plus(tipMm.minus(hubMm).times(u)).plus(bendDirection.times(bendMm * shape));
    }

    /** Shaft length along the chord, mm. */
    public double chordMm() {
        return hubMm.distanceTo(tipMm);
    }

    /** Unit direction of the chord over the last {@code lengthMm} before the tip (towards the tip). */
    public Vec3 axisAtTip(double lengthMm) {
        double u = Math.max(0, 1 - lengthMm / chordMm());
        return tipMm.minus(pointAt(u)).normalized();
    }

    static Vec3 perpendicular(Vec3 d) {
        Vec3 a = Math.abs(d.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        return a.minus(d.times(a.dot(d))).normalized();
    }
}
