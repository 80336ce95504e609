package org.seedplan.dose.montecarlo;

/**
 * Ray intersections with a seed's active rod: a cylinder of radius r over |z| ≤ h whose end edges are cut by 45°
 * bevels of depth b, i.e. the cylinder intersected with the double cone ρ ≤ (h + r − b) − |z| (Dolan et al. 2006: the
 * 6711's silver rod, end faces of radius r − b). All three pieces are convex, so the ray's inside part is one interval:
 * the intersection of the three.
 */
final class BevelledRod {

    private static final double EPS_CM = 1e-9;

    private final double radiusCm;
    private final double halfLengthCm;
    private final double apexCm;

    BevelledRod(double radiusCm, double halfLengthCm, double bevelCm) {
        this.radiusCm = radiusCm;
        this.halfLengthCm = halfLengthCm;
        this.apexCm = halfLengthCm + radiusCm - bevelCm;
    }

    /** Distance along the direction to where a ray starting inside the rod leaves it (0 if already out). */
    double exitDistance(double x, double y, double z, double u, double v, double w) {
        double[] in = interval(x, y, z, u, v, w);
        return in == null ? 0 : Math.max(0, in[1]);
    }

    /** Distance to where the ray enters the rod, +∞ if it misses it or only leaves it (starting on its surface). */
    double entryDistance(double x, double y, double z, double u, double v, double w) {
        double[] in = interval(x, y, z, u, v, w);
        if (in == null || in[1] <= EPS_CM) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(in[0], 0);
    }

    /** {t_in, t_out} of the ray's part inside the rod, or null if it misses. */
    private double[] interval(double x, double y, double z, double u, double v, double w) {
        double[] chord = CylinderChord.interval(radiusCm, halfLengthCm, x, y, z, u, v, w);
        if (chord == null) {
            return null;
        }
        double lo = chord[0];
        double hi = chord[1];
        // the bevels cut only |z| > h − b; a chord whose ends both lie below that (z is linear along it) misses them
        double cornerZ = apexCm - radiusCm;
        if (Math.abs(z + lo * w) <= cornerZ && Math.abs(z + hi * w) <= cornerZ) {
            return chord;
        }
        for (int sign = -1; sign <= 1; sign += 2) {
            double[] cone = cone(x, y, sign * z, u, v, sign * w);
            if (cone == null) {
                return null;
            }
            lo = Math.max(lo, cone[0]);
            hi = Math.min(hi, cone[1]);
        }
        return lo < hi ? new double[] {lo, hi} : null;
    }

    /**
     * {t_in, t_out} inside the solid cone ρ ≤ apex − z (opening towards −z, 45°): f(t) = ρ² − (apex − z)² ≤ 0 on the
     * side of the apex where apex − z ≥ 0. The boundary points are the roots of f on that side; the inside segment
     * between them is found by testing each segment's middle (the cone is convex: at most one segment is inside).
     */
    private double[] cone(double x, double y, double z, double u, double v, double w) {
        double h0 = apexCm - z;
        double qa = u * u + v * v - w * w;
        double qb = x * u + y * v + w * h0;
        double qc = x * x + y * y - h0 * h0;
        double r1 = Double.NaN;
        double r2 = Double.NaN;
        if (Math.abs(qa) > 1e-12) {
            double disc = qb * qb - qa * qc;
            if (disc >= 0) {
                double s = Math.sqrt(disc);
                r1 = Math.min((-qb - s) / qa, (-qb + s) / qa);
                r2 = Math.max((-qb - s) / qa, (-qb + s) / qa);
            }
        } else if (qb != 0) {
            r1 = -qc / (2 * qb);
        }
        double[] cuts = new double[4];
        int n = 0;
        cuts[n++] = Double.NEGATIVE_INFINITY;
        if (!Double.isNaN(r1) && h0 - w * r1 >= -EPS_CM) {
            cuts[n++] = r1;
        }
        if (!Double.isNaN(r2) && h0 - w * r2 >= -EPS_CM) {
            cuts[n++] = r2;
        }
        cuts[n++] = Double.POSITIVE_INFINITY;
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (int i = 0; i + 1 < n; i++) {
            double t = probe(cuts[i], cuts[i + 1]);
            double px = x + t * u;
            double py = y + t * v;
            double ph = h0 - t * w;
            if (ph >= 0 && px * px + py * py <= ph * ph) {
                if (Double.isNaN(lo)) {
                    lo = cuts[i];
                }
                hi = cuts[i + 1];
            }
        }
        return Double.isNaN(lo) ? null : new double[] {lo, hi};
    }

    private static double probe(double a, double b) {
        if (Double.isInfinite(a) && Double.isInfinite(b)) {
            return 0;
        }
        if (Double.isInfinite(a)) {
            return b - 1;
        }
        if (Double.isInfinite(b)) {
            return a + 1;
        }
        return 0.5 * (a + b);
    }
}
