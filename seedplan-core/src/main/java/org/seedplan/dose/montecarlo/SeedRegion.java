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
        double out = cylinderOut(x, y, z, u, v, w);
        if (roundedEnds) {
            out = Math.max(out, sphereOut(x, y, z - halfLengthCm, u, v, w));
            out = Math.max(out, sphereOut(x, y, z + halfLengthCm, u, v, w));
        }
        return Math.max(0, out);
    }

    /** Distance to where the ray enters the shape, +∞ if it misses it or only leaves it (starting on its surface). */
    double entryDistance(double x, double y, double z, double u, double v, double w) {
        double in = Double.POSITIVE_INFINITY;
        double out = Double.NEGATIVE_INFINITY;
        double[] t = new double[2];
        if (cylinder(x, y, z, u, v, w, t)) {
            in = t[0];
            out = t[1];
        }
        if (roundedEnds) {
            for (double c : new double[] {halfLengthCm, -halfLengthCm}) {
                if (sphere(x, y, z - c, u, v, w, t)) {
                    in = Math.min(in, t[0]);
                    out = Math.max(out, t[1]);
                }
            }
        }
        if (out <= EPS_CM || in >= out) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(in, 0);
    }

    private double cylinderOut(double x, double y, double z, double u, double v, double w) {
        double[] t = new double[2];
        return cylinder(x, y, z, u, v, w, t) ? t[1] : Double.NEGATIVE_INFINITY;
    }

    private double sphereOut(double x, double y, double z, double u, double v, double w) {
        double[] t = new double[2];
        return sphere(x, y, z, u, v, w, t) ? t[1] : Double.NEGATIVE_INFINITY;
    }

    /** The ray's parameter interval inside the flat-ended cylinder, into t; false if it misses. */
    private boolean cylinder(double x, double y, double z, double u, double v, double w, double[] t) {
        double tIn;
        double tOut;
        if (w != 0) {
            double t1 = (-halfLengthCm - z) / w;
            double t2 = (halfLengthCm - z) / w;
            tIn = Math.min(t1, t2);
            tOut = Math.max(t1, t2);
        } else {
            if (Math.abs(z) > halfLengthCm) {
                return false;
            }
            tIn = Double.NEGATIVE_INFINITY;
            tOut = Double.POSITIVE_INFINITY;
        }
        double a = u * u + v * v;
        double c = x * x + y * y - radiusCm * radiusCm;
        if (a > 1e-300) {
            double b = x * u + y * v;
            double disc = b * b - a * c;
            if (disc <= 0) {
                return false;
            }
            double s = Math.sqrt(disc);
            tIn = Math.max(tIn, (-b - s) / a);
            tOut = Math.min(tOut, (-b + s) / a);
        } else if (c > 0) {
            return false;
        }
        t[0] = tIn;
        t[1] = tOut;
        return tIn < tOut;
    }

    /** The ray's interval inside the sphere of this radius about the origin (coordinates relative to its centre). */
    private boolean sphere(double x, double y, double z, double u, double v, double w, double[] t) {
        double b = x * u + y * v + z * w;
        double c = x * x + y * y + z * z - radiusCm * radiusCm;
        double disc = b * b - c;
        if (disc <= 0) {
            return false;
        }
        double s = Math.sqrt(disc);
        t[0] = -b - s;
        t[1] = -b + s;
        return true;
    }
}
