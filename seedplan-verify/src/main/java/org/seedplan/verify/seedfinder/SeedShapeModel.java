package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/**
 * The rough shape of one seed above the threshold, for splitting merged objects: its axis segment
 * (the seed's physical length) dilated by an ellipsoid with in-plane radius {@code bloomInPlaneMm}
 * and axial radius {@code bloomAxialMm} (two σ of the learned point-spread function).
 */
record SeedShapeModel(double lengthMm, double bloomInPlaneMm, double bloomAxialMm) {

    /** A seed of this model placed at a centre along an axis, ready for fast distance queries. */
    Placed place(Vec3 centreMm, Vec3 axis) {
        return new Placed(this, centreMm, axis);
    }

    /** One placed seed; distances are in bloom units (1 = on the predicted blob surface). */
    static final class Placed {
        final Vec3 centreMm;
        final Vec3 axis;
        private final double ax;
        private final double ay;
        private final double az;
        private final double ux;
        private final double uy;
        private final double uz;
        private final double len2;
        private final double sxy;
        private final double sz;

        Placed(SeedShapeModel m, Vec3 centreMm, Vec3 axis) {
            this.centreMm = centreMm;
            this.axis = axis;
            sxy = 1 / m.bloomInPlaneMm();
            sz = 1 / m.bloomAxialMm();
            double h = m.lengthMm() / 2;
            ax = (centreMm.x() - h * axis.x()) * sxy;
            ay = (centreMm.y() - h * axis.y()) * sxy;
            az = (centreMm.z() - h * axis.z()) * sz;
            ux = 2 * h * axis.x() * sxy;
            uy = 2 * h * axis.y() * sxy;
            uz = 2 * h * axis.z() * sz;
            len2 = ux * ux + uy * uy + uz * uz;
        }

        /** Squared scaled distance from a point to the seed's axis segment. */
        double distance2(double x, double y, double z) {
            double px = x * sxy - ax;
            double py = y * sxy - ay;
            double pz = z * sz - az;
            double t = len2 > 0 ? (px * ux + py * uy + pz * uz) / len2 : 0;
            t = Math.max(0, Math.min(1, t));
            double dx = px - t * ux;
            double dy = py - t * uy;
            double dz = pz - t * uz;
            return dx * dx + dy * dy + dz * dz;
        }
    }
}
