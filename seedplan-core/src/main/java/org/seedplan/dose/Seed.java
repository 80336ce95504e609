package org.seedplan.dose;

import org.seedplan.geometry.Vec3;

/**
 * One implanted or planned seed: centre in patient mm, unit axis direction, and air-kerma
 * strength S_K in U (µGy·m²·h⁻¹ = cGy·cm²·h⁻¹) at the implant date.
 */
public record Seed(Vec3 centreMm, Vec3 axis, double skU) {

    public Seed {
        if (!centreMm.isFinite()) {
            throw new IllegalArgumentException("seed centre must be finite, got " + centreMm);
        }
        axis = axis.normalized();
        if (!(skU > 0) || !Double.isFinite(skU)) {
            throw new IllegalArgumentException("seed air-kerma strength sk_U must be positive, got " + skU
                    + ": give the strength of one seed in U (or its activity in mCi/MBq)");
        }
    }

    public Seed withCentre(Vec3 c) {
        return new Seed(c, axis, skU);
    }
}
