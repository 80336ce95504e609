package org.seedplan.dose.montecarlo;

/**
 * The part of a ray inside a flat-ended cylinder about the z axis (radius r, |z| ≤ h): the one ray–cylinder chord that
 * {@link SeedRegion} and {@link BevelledRod} both cut their shapes from.
 */
final class CylinderChord {

    private CylinderChord() {
    }

    /** {t_in, t_out} along the ray (t may be negative: behind the start), or null if the ray misses the cylinder. */
    static double[] interval(double radiusCm, double halfLengthCm, double x, double y, double z, double u, double v, double w) {
        double lo;
        double hi;
        if (w != 0) {
            double t1 = (-halfLengthCm - z) / w;
            double t2 = (halfLengthCm - z) / w;
            lo = Math.min(t1, t2);
            hi = Math.max(t1, t2);
        } else if (Math.abs(z) > halfLengthCm) {
            return null;
        } else {
            lo = Double.NEGATIVE_INFINITY;
            hi = Double.POSITIVE_INFINITY;
        }
        double a = u * u + v * v;
        double c = x * x + y * y - radiusCm * radiusCm;
        if (a > 1e-300) {
            double b = x * u + y * v;
            double disc = b * b - a * c;
            if (disc <= 0) {
                return null;
            }
            double s = Math.sqrt(disc);
            lo = Math.max(lo, (-b - s) / a);
            hi = Math.min(hi, (-b + s) / a);
        } else if (c > 0) {
            return null;
        }
        return lo < hi ? new double[] {lo, hi} : null;
    }
}
