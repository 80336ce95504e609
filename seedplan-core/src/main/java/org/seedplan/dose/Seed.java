package org.seedplan.dose;

import org.seedplan.geometry.Vec3;

/**
 * One implanted or planned seed: centre in patient mm, unit axis direction, and air-kerma
 * strength S_K in U (µGy·m²·h⁻¹ = cGy·cm²·h⁻¹) at the implant date.
 */
public record Seed(Vec3 centreMm, Vec3 axis, double skU) {

    /**
     * Strongest seed accepted, U: permanent-implant seeds (I-125, Pd-103, Cs-131) are sold between about
     * 0.2 and 4 U (0.15–3 mCi); 10 U leaves room without accepting a unit slip (mCi as µCi, U as cGy).
     */
    public static final double MAX_SK_U = 10;

    public Seed {
        if (!centreMm.isFinite()) {
            throw new IllegalArgumentException("seed centre must be finite, got " + centreMm);
        }
        if (!axis.isFinite() || !(axis.norm() > 0)) {
            throw new IllegalArgumentException("seed axis must be a finite, non-zero direction, got " + axis);
        }
        axis = axis.normalized();
        if (skU > MAX_SK_U) {
            throw new IllegalArgumentException("seed air-kerma strength " + skU + " U is above " + MAX_SK_U
                    + " U, stronger than any permanent-implant seed: check the value and its unit (U, mCi, MBq)");
        }
        if (!(skU > 0) || !Double.isFinite(skU)) {
            throw new IllegalArgumentException("seed air-kerma strength sk_U must be positive, got " + skU
                    + ": give the strength of one seed in U (or its activity in mCi/MBq)");
        }
    }

    public Seed withCentre(Vec3 c) {
        return new Seed(c, axis, skU);
    }
}
