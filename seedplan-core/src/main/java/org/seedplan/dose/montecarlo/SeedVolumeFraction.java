package org.seedplan.dose.montecarlo;

import java.util.Arrays;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The fraction of each scoring voxel's volume that lies outside every seed capsule (8 × 8 × 8 sample points in a
 * voxel a capsule's bounding box touches), so that dose is fluence in the tissue part divided by the tissue volume.
 */
final class SeedVolumeFraction {

    private static final int SAMPLES = 8;

    private SeedVolumeFraction() {
    }

    static double[] outsideSeeds(Grid grid, List<Seed> seeds, SeedGeometry geometry) {
        double[] fraction = new double[grid.voxelCount()];
        Arrays.fill(fraction, 1);
        SeedRegion capsule = geometry.capsule();
        double r = capsule.radiusCm() * 10;
        double h = capsule.outerHalfLengthCm() * 10;
        for (Seed seed : seeds) {
            Vec3 a = seed.axis();
            Vec3 c = seed.centreMm();
            double[] half = {Math.abs(a.x()) * h + Math.sqrt(Math.max(0, 1 - a.x() * a.x())) * r,
                Math.abs(a.y()) * h + Math.sqrt(Math.max(0, 1 - a.y() * a.y())) * r,
                Math.abs(a.z()) * h + Math.sqrt(Math.max(0, 1 - a.z() * a.z())) * r};
            int i0 = Math.max(0, (int) Math.floor((c.x() - half[0] - grid.minCornerMm().x()) / grid.dxMm()));
            int i1 = Math.min(grid.nx() - 1, (int) Math.floor((c.x() + half[0] - grid.minCornerMm().x()) / grid.dxMm()));
            int j0 = Math.max(0, (int) Math.floor((c.y() - half[1] - grid.minCornerMm().y()) / grid.dyMm()));
            int j1 = Math.min(grid.ny() - 1, (int) Math.floor((c.y() + half[1] - grid.minCornerMm().y()) / grid.dyMm()));
            int k0 = Math.max(0, (int) Math.floor((c.z() - half[2] - grid.minCornerMm().z()) / grid.dzMm()));
            int k1 = Math.min(grid.nz() - 1, (int) Math.floor((c.z() + half[2] - grid.minCornerMm().z()) / grid.dzMm()));
            for (int k = k0; k <= k1; k++) {
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        int inside = 0;
                        for (int s = 0; s < SAMPLES * SAMPLES * SAMPLES; s++) {
                            double px = grid.x(i) + ((s % SAMPLES + 0.5) / SAMPLES - 0.5) * grid.dxMm() - c.x();
                            double py = grid.y(j) + ((s / SAMPLES % SAMPLES + 0.5) / SAMPLES - 0.5) * grid.dyMm() - c.y();
                            double pz = grid.z(k) + ((s / (SAMPLES * SAMPLES) + 0.5) / SAMPLES - 0.5) * grid.dzMm() - c.z();
                            double along = px * a.x() + py * a.y() + pz * a.z();
                            double radial2 = px * px + py * py + pz * pz - along * along;
                            if (capsule.contains(Math.sqrt(Math.max(0, radial2)) / 10, 0, along / 10)) {
                                inside++;
                            }
                        }
                        fraction[grid.index(i, j, k)] -= (double) inside / (SAMPLES * SAMPLES * SAMPLES);
                    }
                }
            }
        }
        for (int v = 0; v < fraction.length; v++) {
            fraction[v] = Math.max(0, fraction[v]);
        }
        return fraction;
    }
}
