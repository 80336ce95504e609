package org.seedplan.dose.montecarlo;

import java.util.SplittableRandom;

/**
 * Photon transport inside one seed model, in the seed's own frame (centre at the origin, axis along z, cm): emission
 * from the surface of the innermost region, the volume of a rod's coating or the volume of the beads, and flight
 * through the nested regions until the photon is absorbed or leaves the capsule. It keeps no per-photon state: one
 * instance serves all threads.
 */
final class SeedTransport {

    private final int regions;
    private final SeedRegion[] shape;
    /** The outer surface of the rod: of region 0, or of region 1 when that is the rod's coating. */
    private final BevelledRod rod;
    /** The core inside a rod's coating (region 0), else null. */
    private final BevelledRod core;
    /** Emission points in a rod's coating (region 1), else null. */
    private final ActiveCoating coating;
    /** The active beads of a bead seed (6702), else null: the innermost region is then the rod. */
    private final BeadChain beads;
    private final double[] densityGPerCm3;
    private final double sideShare;
    private final double bevelShare;
    private final double bevelCm;
    private final MaterialData[] material;
    private final PhotonInteraction interaction;
    private final EnergyGrid energyGrid;

    SeedTransport(SeedGeometry geometry, MaterialLibrary library) {
        this.regions = geometry.regions().size();
        this.shape = geometry.regions().toArray(new SeedRegion[0]);
        this.densityGPerCm3 = new double[regions];
        this.material = new MaterialData[regions];
        for (int i = 0; i < regions; i++) {
            SeedRegion r = geometry.regions().get(i);
            densityGPerCm3[i] = r.densityGPerCm3();
            material[i] = library.data(r.material());
        }
        this.interaction = new PhotonInteraction(library);
        this.bevelCm = geometry.rodBevelCm();
        double coatingCm = geometry.coatingCm();
        SeedRegion outer = shape[coatingCm > 0 ? 1 : 0];
        this.rod = new BevelledRod(outer.radiusCm(), outer.halfLengthCm(), bevelCm);
        this.core = coatingCm > 0
                ? new BevelledRod(shape[0].radiusCm(), shape[0].halfLengthCm(), bevelCm > 0 ? bevelCm - coatingCm : 0) : null;
        this.coating = coatingCm > 0 ? new ActiveCoating(outer.radiusCm(), outer.halfLengthCm(), bevelCm, coatingCm) : null;
        this.beads = geometry.beadCentresCm().isEmpty() ? null : new BeadChain(shape[0].radiusCm(), geometry.beadCentresCm());
        double r0 = shape[0].radiusCm();
        double side = 2 * Math.PI * r0 * 2 * (shape[0].halfLengthCm() - bevelCm);
        double bevels = 2 * Math.PI * (2 * r0 - bevelCm) * bevelCm * Math.sqrt(2);
        double faces = 2 * Math.PI * (r0 - bevelCm) * (r0 - bevelCm);
        this.sideShare = side / (side + bevels + faces);
        this.bevelShare = bevels / (side + bevels + faces);
        this.energyGrid = library.energyGrid();
    }

    SeedRegion capsule() {
        return shape[regions - 1];
    }

    /**
     * Emits one I-125 photon isotropically from the surface of the innermost region — its side, its two end faces and
     * the 45° bevels between them ({@link SeedGeometry#rodBevelCm()}), in proportion to their areas, as Dolan et al.
     * (2006) coat the whole 6711 rod — and follows it to the capsule surface. Returns true if it leaves the seed
     * (position and direction then in the seed frame). The rod's transport shape has the bevels too
     * ({@link BevelledRod}); a photon sent into the rod is followed in silver. A rod with a coating of its own
     * ({@link SeedGeometry#coatingCm()}) emits uniformly from the coating's volume ({@link ActiveCoating}), a bead seed
     * from the volume of its beads ({@link BeadChain}).
     */
    boolean emit(Photon p, SplittableRandom rng) {
        if (beads != null || coating != null) {
            if (beads != null) {
                beads.placeUniformly(p, rng);
            } else {
                coating.placeUniformly(p, rng);
            }
            p.isotropic(rng.nextDouble(), rng.nextDouble());
            p.setEnergy(I125Spectrum.sample(rng.nextDouble()), energyGrid);
            p.mfpLeft = -Math.log(1 - rng.nextDouble());
            return follow(p, beads != null ? 0 : 1, rng);
        }
        double r0 = shape[0].radiusCm();
        double h0 = shape[0].halfLengthCm();
        double nx;
        double ny;
        double nz;
        double which = rng.nextDouble();
        double phi = 2 * Math.PI * rng.nextDouble();
        double sign = rng.nextDouble() < 0.5 ? -1 : 1;
        if (which < sideShare) {
            nx = Math.cos(phi);
            ny = Math.sin(phi);
            nz = 0;
            p.x = r0 * nx;
            p.y = r0 * ny;
            p.z = (h0 - bevelCm) * (2 * rng.nextDouble() - 1);
        } else if (which < sideShare + bevelShare) {
            // on the 45° bevel, uniform in area (radius from r0 − b to r0), with the bevel's outward normal
            double inner = r0 - bevelCm;
            double rho = Math.sqrt(inner * inner + rng.nextDouble() * (r0 * r0 - inner * inner));
            nx = Math.cos(phi) * Math.sqrt(0.5);
            ny = Math.sin(phi) * Math.sqrt(0.5);
            nz = sign * Math.sqrt(0.5);
            p.x = rho * Math.cos(phi);
            p.y = rho * Math.sin(phi);
            p.z = sign * (h0 - (rho - inner));
        } else {
            double rr = (r0 - bevelCm) * Math.sqrt(rng.nextDouble());
            nx = 0;
            ny = 0;
            nz = sign;
            p.x = rr * Math.cos(phi);
            p.y = rr * Math.sin(phi);
            p.z = sign * h0;
        }
        p.isotropic(rng.nextDouble(), rng.nextDouble());
        p.setEnergy(I125Spectrum.sample(rng.nextDouble()), energyGrid);
        p.mfpLeft = -Math.log(1 - rng.nextDouble());
        if (p.u * nx + p.v * ny + p.w * nz > 0) {
            return regions == 1 || follow(p, 1, rng);
        }
        return follow(p, 0, rng);
    }

    /** Follows a photon that has just entered the capsule from outside (seed frame). */
    boolean enter(Photon p, SplittableRandom rng) {
        return follow(p, regions - 1, rng);
    }

    /**
     * Follows the photon from inside the given region (index in {@link SeedGeometry#regions()}) until it is absorbed
     * (false) or leaves the capsule (true).
     */
    boolean follow(Photon p, int region, SplittableRandom rng) {
        while (true) {
            double mu = densityGPerCm3[region] * MaterialData.at(material[region].total, p.energyIndex, p.energyFraction);
            double exit = exitDistance(region, p);
            double enter = entryDistance(region, p);
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

    /** Distance along the photon's direction to where it leaves the region through its outer surface. */
    private double exitDistance(int region, Photon p) {
        if (region == 0) {
            return beads != null ? beads.exitDistance(p.x, p.y, p.z, p.u, p.v, p.w)
                    : (core != null ? core : rod).exitDistance(p.x, p.y, p.z, p.u, p.v, p.w);
        }
        return region == 1 && core != null ? rod.exitDistance(p.x, p.y, p.z, p.u, p.v, p.w)
                : shape[region].exitDistance(p.x, p.y, p.z, p.u, p.v, p.w);
    }

    /** Distance along the photon's direction to where it enters the region inside this one (+∞ in the innermost). */
    private double entryDistance(int region, Photon p) {
        if (region == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (region == 1) {
            return beads != null ? beads.entryDistance(p.x, p.y, p.z, p.u, p.v, p.w)
                    : (core != null ? core : rod).entryDistance(p.x, p.y, p.z, p.u, p.v, p.w);
        }
        return region == 2 && core != null ? rod.entryDistance(p.x, p.y, p.z, p.u, p.v, p.w)
                : shape[region - 1].entryDistance(p.x, p.y, p.z, p.u, p.v, p.w);
    }
}
