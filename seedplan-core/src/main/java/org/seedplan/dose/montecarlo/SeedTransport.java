package org.seedplan.dose.montecarlo;

import java.util.SplittableRandom;

/**
 * Photon transport inside one seed model, in the seed's own frame (centre at the origin, axis along z, cm): emission
 * from the side of the innermost region and flight through the nested cylinders until the photon is absorbed or
 * leaves the capsule. It keeps no per-photon state: one instance serves all threads.
 */
final class SeedTransport {

    private static final double EPS_CM = 1e-9;

    private final int regions;
    private final double[] radiusCm;
    private final double[] halfLengthCm;
    private final double[] densityGPerCm3;
    private final MaterialData[] material;
    private final PhotonInteraction interaction;
    private final EnergyGrid energyGrid;

    SeedTransport(SeedGeometry geometry, MaterialLibrary library) {
        this.regions = geometry.regions().size();
        this.radiusCm = new double[regions];
        this.halfLengthCm = new double[regions];
        this.densityGPerCm3 = new double[regions];
        this.material = new MaterialData[regions];
        for (int i = 0; i < regions; i++) {
            SeedRegion r = geometry.regions().get(i);
            radiusCm[i] = r.radiusCm();
            halfLengthCm[i] = r.halfLengthCm();
            densityGPerCm3[i] = r.densityGPerCm3();
            material[i] = library.data(r.material());
        }
        this.interaction = new PhotonInteraction(library);
        this.energyGrid = library.energyGrid();
    }

    double capsuleRadiusCm() {
        return radiusCm[regions - 1];
    }

    double capsuleHalfLengthCm() {
        return halfLengthCm[regions - 1];
    }

    /**
     * Emits one I-125 photon, uniformly over the side of the innermost cylinder and isotropically, and follows it to
     * the capsule surface. The end faces carry no activity: on a sharp-edged rod their isotropic emission makes a 7 %
     * step in dose at the plane of the rod's ends that real seeds, whose rods have rounded or chamfered ends (Dolan
     * 2006), do not show; docs/monte-carlo.md gives the figures. Returns true if it leaves the seed (position and direction then in the seed frame).
     */
    boolean emit(Photon p, SplittableRandom rng) {
        double phi = 2 * Math.PI * rng.nextDouble();
        double nx = Math.cos(phi);
        double ny = Math.sin(phi);
        p.x = radiusCm[0] * nx;
        p.y = radiusCm[0] * ny;
        p.z = halfLengthCm[0] * (2 * rng.nextDouble() - 1);
        p.isotropic(rng.nextDouble(), rng.nextDouble());
        p.setEnergy(I125Spectrum.sample(rng.nextDouble()), energyGrid);
        p.mfpLeft = -Math.log(1 - rng.nextDouble());
        if (p.u * nx + p.v * ny > 0) {
            return regions == 1 || follow(p, 1, rng);
        }
        return follow(p, 0, rng);
    }

    /** Follows a photon that has just entered the capsule from outside (seed frame). */
    boolean enter(Photon p, SplittableRandom rng) {
        return follow(p, regions - 1, rng);
    }

    private boolean follow(Photon p, int region, SplittableRandom rng) {
        while (true) {
            double mu = densityGPerCm3[region] * MaterialData.at(material[region].total, p.energyIndex, p.energyFraction);
            double exit = exitDistance(p, radiusCm[region], halfLengthCm[region]);
            double enter = region > 0 ? entryDistance(p, radiusCm[region - 1], halfLengthCm[region - 1]) : Double.POSITIVE_INFINITY;
            double boundary = Math.min(exit, enter);
            double toInteraction = mu > 0 ? p.mfpLeft / mu : Double.POSITIVE_INFINITY;
            if (toInteraction < boundary) {
                p.move(toInteraction);
                if (!interaction.interact(p, material[region], rng)) {
                    return false;
                }
                p.mfpLeft = -Math.log(1 - rng.nextDouble());
                continue;
            }
            p.mfpLeft -= mu * boundary;
            p.move(boundary);
            if (enter < exit) {
                region--;
            } else {
                region++;
                if (region == regions) {
                    return true;
                }
            }
        }
    }

    /** Distance along the direction to where the ray leaves the cylinder it is in (0 if already outside). */
    static double exitDistance(Photon p, double r, double h) {
        double tz = p.w > 0 ? (h - p.z) / p.w : p.w < 0 ? (-h - p.z) / p.w : Double.POSITIVE_INFINITY;
        double a = p.u * p.u + p.v * p.v;
        double tr = Double.POSITIVE_INFINITY;
        if (a > 1e-300) {
            double b = p.x * p.u + p.y * p.v;
            double c = p.x * p.x + p.y * p.y - r * r;
            double disc = b * b - a * c;
            tr = disc > 0 ? (-b + Math.sqrt(disc)) / a : 0;
        }
        return Math.max(0, Math.min(tz, tr));
    }

    /** Distance to where the ray enters the cylinder, or +∞ if it misses it or only grazes it behind the start. */
    static double entryDistance(Photon p, double r, double h) {
        return entryDistance(p.x, p.y, p.z, p.u, p.v, p.w, r, h);
    }

    static double entryDistance(double x, double y, double z, double u, double v, double w, double r, double h) {
        double tIn;
        double tOut;
        if (w != 0) {
            double t1 = (-h - z) / w;
            double t2 = (h - z) / w;
            tIn = Math.min(t1, t2);
            tOut = Math.max(t1, t2);
        } else {
            if (Math.abs(z) > h) {
                return Double.POSITIVE_INFINITY;
            }
            tIn = Double.NEGATIVE_INFINITY;
            tOut = Double.POSITIVE_INFINITY;
        }
        double a = u * u + v * v;
        double c = x * x + y * y - r * r;
        if (a > 1e-300) {
            double b = x * u + y * v;
            double disc = b * b - a * c;
            if (disc <= 0) {
                return Double.POSITIVE_INFINITY;
            }
            double s = Math.sqrt(disc);
            tIn = Math.max(tIn, (-b - s) / a);
            tOut = Math.min(tOut, (-b + s) / a);
        } else if (c > 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (tOut <= EPS_CM || tIn >= tOut) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(tIn, 0);
    }
}
