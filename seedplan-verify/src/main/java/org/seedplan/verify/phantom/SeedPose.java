package org.seedplan.verify.phantom;

import org.seedplan.geometry.Vec3;

/** Where a seed truly lies in a synthetic CT: centre in patient mm and unit axis direction, with how it was placed. */
public record SeedPose(Vec3 centreMm, Vec3 axis, Arrangement arrangement) {

    /** How a seed sits relative to its neighbours, which decides how hard it is to find. */
    public enum Arrangement {
        /** Alone, at least a few millimetres from any other seed. */
        ISOLATED,
        /** One of two seeds touching end to end on a common axis. */
        TOUCHING_PAIR,
        /** One of three parallel seeds touching side by side. */
        CLUMP_OF_THREE
    }

    public SeedPose {
        if (!centreMm.isFinite()) {
            throw new IllegalArgumentException("seed centre must be finite, got " + centreMm);
        }
        axis = axis.normalized();
    }

    /** One end of the seed's axis segment for a seed of the given length. */
    public Vec3 end(double lengthMm, int sign) {
        return centreMm.plus(axis.times(sign * lengthMm / 2));
    }
}
