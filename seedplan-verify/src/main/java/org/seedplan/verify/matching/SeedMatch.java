package org.seedplan.verify.matching;

import org.seedplan.geometry.Vec3;

/** One planned seed paired with one found seed: their indices and the displacement found − planned, mm. */
public record SeedMatch(int planned, int found, Vec3 displacementMm) {

    public double distanceMm() {
        return displacementMm.norm();
    }
}
