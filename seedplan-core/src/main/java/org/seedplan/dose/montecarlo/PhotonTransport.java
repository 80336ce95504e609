package org.seedplan.dose.montecarlo;

import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;

/**
 * One transport thread's worker: emits photons from the seeds, follows them voxel by voxel through the phantom and
 * through every seed they meet, and scores the track-length estimate of collision kerma in the scoring grid, Dm,m
 * (E·μen/ρ of the voxel's medium × path length / voxel volume) and Dw,m (the same with water's μen/ρ) together.
 * Scores are energy per mass per emitted photon in keV/g; the caller normalises to S_K.
 */
final class PhotonTransport {

    private final EnergyGrid energyGrid;
    private final PhotonInteraction interaction;
    private final SeedTransport seed;
    private final SeedPlacement seeds;
    private final SeedRegion capsule;
    private final Photon p = new Photon();

    // phantom geometry, cm
    private final int nx;
    private final int ny;
    private final int nz;
    private final double loX;
    private final double loY;
    private final double loZ;
    private final double sx;
    private final double sy;
    private final double sz;
    private final byte[] materialIndex;
    private final float[] density;
    private final MaterialData[] materials;
    private final MaterialData water;
    // per-energy cache of the phantom materials' cross sections
    private final double[] totalCm2PerG;
    private final double[] muEnCm2PerG;
    private double muEnWaterCm2PerG;

    private final VoxelScorer scorer;

    PhotonTransport(MaterialLibrary library, VoxelPhantom phantom, SeedTransport seed, SeedPlacement seeds, VoxelScorer scorer) {
        this.energyGrid = library.energyGrid();
        this.interaction = new PhotonInteraction(library);
        this.seed = seed;
        this.seeds = seeds;
        this.capsule = seed.capsule();
        Grid g = phantom.grid();
        this.nx = g.nx();
        this.ny = g.ny();
        this.nz = g.nz();
        this.loX = g.minCornerMm().x() / 10;
        this.loY = g.minCornerMm().y() / 10;
        this.loZ = g.minCornerMm().z() / 10;
        this.sx = g.dxMm() / 10;
        this.sy = g.dyMm() / 10;
        this.sz = g.dzMm() / 10;
        this.materialIndex = phantom.materialIndex();
        this.density = phantom.densityGPerCm3();
        this.materials = phantom.materialNames().stream().map(library::data).toArray(MaterialData[]::new);
        this.water = library.data("water");
        this.totalCm2PerG = new double[materials.length];
        this.muEnCm2PerG = new double[materials.length];
        this.scorer = scorer;
    }

    /** Emits one photon from a seed chosen by strength and follows it to its end. */
    void history(SplittableRandom rng) {
        int s = seeds.pick(rng.nextDouble());
        if (!seed.emit(p, rng)) {
            return;
        }
        toPhantom(s);
        refreshCrossSections();
        followInPhantom(rng);
    }

    private void refreshCrossSections() {
        int i = p.energyIndex;
        double f = p.energyFraction;
        for (int m = 0; m < materials.length; m++) {
            totalCm2PerG[m] = MaterialData.at(materials[m].total, i, f);
            muEnCm2PerG[m] = MaterialData.at(materials[m].muEn, i, f);
        }
        muEnWaterCm2PerG = MaterialData.at(water.muEn, i, f);
    }

    private void followInPhantom(SplittableRandom rng) {
        int i = (int) Math.floor((p.x - loX) / sx);
        int j = (int) Math.floor((p.y - loY) / sy);
        int k = (int) Math.floor((p.z - loZ) / sz);
        while (true) {
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                return;
            }
            int v = i + nx * (j + ny * k);
            int m = materialIndex[v];
            double rho = density[v];
            double mu = rho * totalCm2PerG[m];
            double tx = p.u > 0 ? (loX + (i + 1) * sx - p.x) / p.u : p.u < 0 ? (loX + i * sx - p.x) / p.u : Double.POSITIVE_INFINITY;
            double ty = p.v > 0 ? (loY + (j + 1) * sy - p.y) / p.v : p.v < 0 ? (loY + j * sy - p.y) / p.v : Double.POSITIVE_INFINITY;
            double tz = p.w > 0 ? (loZ + (k + 1) * sz - p.z) / p.w : p.w < 0 ? (loZ + k * sz - p.z) / p.w : Double.POSITIVE_INFINITY;
            double boundary = Math.max(0, Math.min(tx, Math.min(ty, tz)));
            double toSeed = Double.POSITIVE_INFINITY;
            int hitSeed = -1;
            for (int n = seeds.voxelStart[v]; n < seeds.voxelStart[v + 1]; n++) {
                int s = seeds.seedList[n];
                double t = entryDistance(s);
                if (t < toSeed) {
                    toSeed = t;
                    hitSeed = s;
                }
            }
            double toInteraction = mu > 0 ? p.mfpLeft / mu : Double.POSITIVE_INFINITY;
            double step = Math.min(boundary, Math.min(toSeed, toInteraction));
            if (rho > 0) {
                scorer.score(v, p, step, p.energyKeV * muEnCm2PerG[m], p.energyKeV * muEnWaterCm2PerG);
            }
            p.mfpLeft -= mu * step;
            p.move(step);
            if (toInteraction <= step) {
                double before = p.energyKeV;
                if (!interaction.interact(p, materials[m], rng)) {
                    return;
                }
                if (p.energyKeV != before) {
                    refreshCrossSections();
                }
                p.mfpLeft = -Math.log(1 - rng.nextDouble());
            } else if (toSeed <= step) {
                toSeedFrame(hitSeed);
                double before = p.energyKeV;
                if (!seed.enter(p, rng)) {
                    return;
                }
                toPhantom(hitSeed);
                if (p.energyKeV != before) {
                    refreshCrossSections();
                }
                i = (int) Math.floor((p.x - loX) / sx);
                j = (int) Math.floor((p.y - loY) / sy);
                k = (int) Math.floor((p.z - loZ) / sz);
            } else if (tx <= ty && tx <= tz) {
                i += p.u > 0 ? 1 : -1;
            } else if (ty <= tz) {
                j += p.v > 0 ? 1 : -1;
            } else {
                k += p.w > 0 ? 1 : -1;
            }
        }
    }

    /** Distance to the capsule of seed s along the photon's flight, +∞ if missed. */
    private double entryDistance(int s) {
        double[] f = seeds.frame;
        int o = 12 * s;
        double dx = p.x - f[o];
        double dy = p.y - f[o + 1];
        double dz = p.z - f[o + 2];
        double lx = dx * f[o + 3] + dy * f[o + 4] + dz * f[o + 5];
        double ly = dx * f[o + 6] + dy * f[o + 7] + dz * f[o + 8];
        double lz = dx * f[o + 9] + dy * f[o + 10] + dz * f[o + 11];
        double lu = p.u * f[o + 3] + p.v * f[o + 4] + p.w * f[o + 5];
        double lv = p.u * f[o + 6] + p.v * f[o + 7] + p.w * f[o + 8];
        double lw = p.u * f[o + 9] + p.v * f[o + 10] + p.w * f[o + 11];
        return capsule.entryDistance(lx, ly, lz, lu, lv, lw);
    }

    /** Phantom coordinates → the frame of seed s. */
    private void toSeedFrame(int s) {
        double[] f = seeds.frame;
        int o = 12 * s;
        double dx = p.x - f[o];
        double dy = p.y - f[o + 1];
        double dz = p.z - f[o + 2];
        double u = p.u;
        double v = p.v;
        double w = p.w;
        p.x = dx * f[o + 3] + dy * f[o + 4] + dz * f[o + 5];
        p.y = dx * f[o + 6] + dy * f[o + 7] + dz * f[o + 8];
        p.z = dx * f[o + 9] + dy * f[o + 10] + dz * f[o + 11];
        p.u = u * f[o + 3] + v * f[o + 4] + w * f[o + 5];
        p.v = u * f[o + 6] + v * f[o + 7] + w * f[o + 8];
        p.w = u * f[o + 9] + v * f[o + 10] + w * f[o + 11];
    }

    /** The frame of seed s → phantom coordinates. */
    private void toPhantom(int s) {
        double[] f = seeds.frame;
        int o = 12 * s;
        double x = p.x;
        double y = p.y;
        double z = p.z;
        double u = p.u;
        double v = p.v;
        double w = p.w;
        p.x = f[o] + x * f[o + 3] + y * f[o + 6] + z * f[o + 9];
        p.y = f[o + 1] + x * f[o + 4] + y * f[o + 7] + z * f[o + 10];
        p.z = f[o + 2] + x * f[o + 5] + y * f[o + 8] + z * f[o + 11];
        p.u = u * f[o + 3] + v * f[o + 6] + w * f[o + 9];
        p.v = u * f[o + 4] + v * f[o + 7] + w * f[o + 10];
        p.w = u * f[o + 5] + v * f[o + 8] + w * f[o + 11];
    }
}
