package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/**
 * A seed found on a post-operative CT: centre (patient mm), unit axis (sign arbitrary, dz ≥ 0),
 * confidence in [0, 1], and how many seeds shared its blob (1 = isolated).
 */
public record FoundSeed(Vec3 centreMm, Vec3 axis, double confidence, int seedsInBlob) {

    public FoundSeed {
        axis = axis.normalized();
        if (axis.z() < 0 || (axis.z() == 0 && (axis.y() < 0 || (axis.y() == 0 && axis.x() < 0)))) {
            axis = axis.times(-1);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("seed confidence must lie in [0, 1], got " + confidence);
        }
    }
}
