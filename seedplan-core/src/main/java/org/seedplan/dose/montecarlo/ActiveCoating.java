package org.seedplan.dose.montecarlo;

import java.util.SplittableRandom;

/**
 * Uniform emission points in the thin I-125 carrying coating of a bevelled rod ({@link SeedGeometry#coatingCm()}): the
 * shell between the coated surface (radius r, half-length h, 45° bevels of depth b, as {@link BevelledRod}) and the
 * core inside it (r − t, h − t, b − t). The shell is t thick on the side and the end faces and t/√2 on the bevels
 * (their cones are t apart in radius at equal z), as in the CLRP database's egs_brachy model of the 6711; a rod with flat
 * ends (b = 0, the IAI-125A) has a side shell over |z| ≤ h − t and two end discs of its full radius, t thick, as
 * egs_brachy's model of that seed. A point is
 * drawn on the coated surface (side, bevels, faces in proportion to the shell's volume over each) and moved inwards
 * along the surface normal by a uniform depth; the curvature of the side is taken into account, that of the bevels
 * (relative error t/r ≈ 0.7 % in the depth distribution there) and the corners between the pieces (volume of order
 * t² per unit length of edge) are not.
 */
final class ActiveCoating {

    private static final double SQRT_HALF = Math.sqrt(0.5);

    private final double radiusCm;
    private final double halfLengthCm;
    private final double bevelCm;
    private final double thicknessCm;
    /** Half-length of the side shell: to the bevels, or to the end discs of a flat-ended rod. */
    private final double sideHalfLengthCm;
    private final double sideShare;
    private final double bevelShare;

    ActiveCoating(double radiusCm, double halfLengthCm, double bevelCm, double thicknessCm) {
        this.radiusCm = radiusCm;
        this.halfLengthCm = halfLengthCm;
        this.bevelCm = bevelCm;
        this.thicknessCm = thicknessCm;
        this.sideHalfLengthCm = halfLengthCm - (bevelCm > 0 ? bevelCm : thicknessCm);
        double inner = radiusCm - thicknessCm;
        double side = Math.PI * (radiusCm * radiusCm - inner * inner) * 2 * sideHalfLengthCm;
        // two bevels: frustum lateral area π(2r − b)·b√2 each, times the shell's normal thickness t/√2
        double bevels = 2 * Math.PI * (2 * radiusCm - bevelCm) * bevelCm * thicknessCm;
        double faces = 2 * Math.PI * (radiusCm - bevelCm) * (radiusCm - bevelCm) * thicknessCm;
        double total = side + bevels + faces;
        this.sideShare = side / total;
        this.bevelShare = bevels / total;
    }

    /** Places the photon at a point drawn uniformly from the coating's volume (direction left as it is). */
    void placeUniformly(Photon p, SplittableRandom rng) {
        double which = rng.nextDouble();
        double phi = 2 * Math.PI * rng.nextDouble();
        double c = Math.cos(phi);
        double s = Math.sin(phi);
        double sign = rng.nextDouble() < 0.5 ? -1 : 1;
        if (which < sideShare) {
            double inner = radiusCm - thicknessCm;
            double rho = Math.sqrt(inner * inner + rng.nextDouble() * (radiusCm * radiusCm - inner * inner));
            p.x = rho * c;
            p.y = rho * s;
            p.z = sideHalfLengthCm * (2 * rng.nextDouble() - 1);
        } else if (which < sideShare + bevelShare) {
            double inner = radiusCm - bevelCm;
            double rho = Math.sqrt(inner * inner + rng.nextDouble() * (radiusCm * radiusCm - inner * inner));
            double depth = thicknessCm * SQRT_HALF * rng.nextDouble();
            double rhoIn = rho - depth * SQRT_HALF;
            p.x = rhoIn * c;
            p.y = rhoIn * s;
            p.z = sign * (halfLengthCm - (rho - inner) - depth * SQRT_HALF);
        } else {
            double rho = (radiusCm - bevelCm) * Math.sqrt(rng.nextDouble());
            p.x = rho * c;
            p.y = rho * s;
            p.z = sign * (halfLengthCm - thicknessCm * rng.nextDouble());
        }
    }
}
