package org.seedplan.dose.montecarlo;

/**
 * One coaxial region of a seed's geometry, centred on the seed centre with its axis along the seed axis: a cylinder
 * of {@code radiusCm} over |z| ≤ {@code halfLengthCm}, closed by flat ends or by hemispheres of the same radius
 * centred at z = ±halfLength (a capsule). The region is the part of this shape outside the next inner one.
 *
 * @param material material name in {@link MaterialLibrary}
 * @param densityGPerCm3 density of the region
 * @param radiusCm outer radius
 * @param halfLengthCm half of the length of the cylindrical part
 * @param roundedEnds whether hemispherical caps close the cylinder
 */
public record SeedRegion(String material, double densityGPerCm3, double radiusCm, double halfLengthCm, boolean roundedEnds) {

    private static final double EPS_CM = 1e-9;

    public SeedRegion {
        if (!(radiusCm > 0) || !(halfLengthCm > 0) || !(densityGPerCm3 >= 0)) {
            throw new IllegalArgumentException("seed region of " + material + ": radius, half-length must be positive and density not negative");
        }
    }

    /** Half of the full length, caps included, cm. */
    public double outerHalfLengthCm() {
        return halfLengthCm + (roundedEnds ? radiusCm : 0);
    }

    /** Whether the point (seed frame, cm) lies inside the shape. */
    public boolean contains(double x, double y, double z) {
        double r2 = radiusCm * radiusCm;
        if (Math.abs(z) <= halfLengthCm) {
            return x * x + y * y <= r2;
        }
        double dz = Math.abs(z) - halfLengthCm;
        return roundedEnds && x * x + y * y + dz * dz <= r2;
    }

    /** Distance along the direction to where a ray starting inside the shape leaves it (0 if already out). */
    double exitDistance(double x, double y, double z, double u, double v, double w) {
        double out = cylinder(x, y, z, u, v, w, false);
        if (roundedEnds) {
            out = Math.max(out, sphere(x, y, z - halfLengthCm, u, v, w, false));
            out = Math.max(out, sphere(x, y, z + halfLengthCm, u, v, w, false));
        }
        return Math.max(0, out);
    }

    /** Distance to where the ray enters the shape, +∞ if it misses it or only leaves it (starting on its surface). */
    double entryDistance(double x, double y, double z, double u, double v, double w) {
        double out = exitDistance(x, y, z, u, v, w);
        if (out <= EPS_CM) {
            return Double.POSITIVE_INFINITY;
        }
        double in = cylinder(x, y, z, u, v, w, true);
        if (roundedEnds) {
            in = Math.min(in, sphere(x, y, z - halfLengthCm, u, v, w, true));
            in = Math.min(in, sphere(x, y, z + halfLengthCm, u, v, w, true));
        }
        return in >= out ? Double.POSITIVE_INFINITY : Math.max(in, 0);
    }

    /**
     * Where the ray enters ({@code entry}) or leaves the flat-ended cylinder; a miss gives +∞ for the entry and −∞ for
     * the exit, so that min/max over the pieces of a capsule ignore it.
     */
    private double cylinder(double x, double y, double z, double u, double v, double w, boolean entry) {
        double[] chord = CylinderChord.interval(radiusCm, halfLengthCm, x, y, z, u, v, w);
        if (chord == null) {
            return entry ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return entry ? chord[0] : chord[1];
    }

    /** Where the ray enters or leaves the sphere of this radius about the origin (coordinates relative to its centre). */
    private double sphere(double x, double y, double z, double u, double v, double w, boolean entry) {
        double b = x * u + y * v + z * w;
        double c = x * x + y * y + z * z - radiusCm * radiusCm;
        double disc = b * b - c;
        if (disc <= 0) {
            return entry ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double s = Math.sqrt(disc);
        return entry ? -b - s : -b + s;
    }
}
