package org.seedplan.dose.montecarlo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Ray intersections with, and uniform emission from, a row of equal, separate spheres centred on the seed axis: the
 * active resin beads of the 6702 ({@link SeedGeometry#beadCentresCm()}). Inside any bead is the seed's innermost
 * region; the beads must not touch, so a point is inside at most one and a chord leaves it before it can enter another.
 */
final class BeadChain {

    private static final double EPS_CM = 1e-9;

    private final double radiusCm;
    private final double[] centreZCm;

    BeadChain(double radiusCm, List<Double> centreZCm) {
        this.radiusCm = radiusCm;
        this.centreZCm = centreZCm.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Distance along the direction to where a ray starting inside a bead leaves it (0 if in none). */
    double exitDistance(double x, double y, double z, double u, double v, double w) {
        double best = Double.POSITIVE_INFINITY;
        int nearest = 0;
        for (int i = 0; i < centreZCm.length; i++) {
            double d = Math.abs(z - centreZCm[i]);
            if (d < best) {
                best = d;
                nearest = i;
            }
        }
        double dz = z - centreZCm[nearest];
        double b = x * u + y * v + dz * w;
        double c = x * x + y * y + dz * dz - radiusCm * radiusCm;
        double disc = b * b - c;
        return disc <= 0 ? 0 : Math.max(0, -b + Math.sqrt(disc));
    }

    /** Distance to where the ray first enters a bead, +∞ if it misses them all (a bead it starts on and leaves is skipped). */
    double entryDistance(double x, double y, double z, double u, double v, double w) {
        double first = Double.POSITIVE_INFINITY;
        for (double cz : centreZCm) {
            double dz = z - cz;
            double b = x * u + y * v + dz * w;
            double c = x * x + y * y + dz * dz - radiusCm * radiusCm;
            double disc = b * b - c;
            if (disc <= 0) {
                continue;
            }
            double s = Math.sqrt(disc);
            double out = -b + s;
            if (out <= EPS_CM) {
                continue;
            }
            first = Math.min(first, Math.max(0, -b - s));
        }
        return first;
    }

    /** Puts the photon at a point uniform in the beads' total volume (each bead equally likely), seed frame. */
    void placeUniformly(Photon p, SplittableRandom rng) {
        double cz = centreZCm[rng.nextInt(centreZCm.length)];
        double r = radiusCm * Math.cbrt(rng.nextDouble());
        double cos = 2 * rng.nextDouble() - 1;
        double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
        double phi = 2 * Math.PI * rng.nextDouble();
        p.x = r * sin * Math.cos(phi);
        p.y = r * sin * Math.sin(phi);
        p.z = cz + r * cos;
    }
}
