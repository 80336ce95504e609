package org.seedplan.dose.montecarlo;

import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Where the seeds sit in the phantom (cm): each seed's centre and orthonormal frame (e1, e2, axis), the seeds that may
 * overlap each phantom voxel (a compressed list per voxel, from the capsule's bounding box), and the cumulative of
 * S_K used to pick the seed that emits a photon.
 */
final class SeedPlacement {

    final int count;
    /** Per seed: centre x, y, z, e1 (3), e2 (3), axis (3): 12 doubles. */
    final double[] frame;
    final double[] cumulativeStrength;
    final double totalStrengthU;
    /** Seeds touching voxel v: seedList[voxelStart[v] .. voxelStart[v+1]). */
    final int[] voxelStart;
    final int[] seedList;

    SeedPlacement(List<Seed> seeds, Grid phantom, SeedRegion capsule) {
        this.count = seeds.size();
        this.frame = new double[12 * count];
        this.cumulativeStrength = new double[count];
        double sum = 0;
        for (int s = 0; s < count; s++) {
            Seed seed = seeds.get(s);
            Vec3 a = seed.axis();
            Vec3 helper = Math.abs(a.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
            Vec3 e1 = helper.minus(a.times(helper.dot(a))).normalized();
            Vec3 e2 = a.cross(e1);
            Vec3 c = seed.centreMm().times(0.1);
            double[] f = {c.x(), c.y(), c.z(), e1.x(), e1.y(), e1.z(), e2.x(), e2.y(), e2.z(), a.x(), a.y(), a.z()};
            System.arraycopy(f, 0, frame, 12 * s, 12);
            sum += seed.skU();
            cumulativeStrength[s] = sum;
        }
        this.totalStrengthU = sum;
        int n = phantom.voxelCount();
        int[] counts = new int[n + 1];
        forEachOverlap(phantom, capsule.radiusCm(), capsule.outerHalfLengthCm(), (s, v) -> counts[v]++);
        this.voxelStart = new int[n + 1];
        for (int v = 0; v < n; v++) {
            voxelStart[v + 1] = voxelStart[v] + counts[v];
        }
        this.seedList = new int[voxelStart[n]];
        int[] fill = new int[n];
        forEachOverlap(phantom, capsule.radiusCm(), capsule.outerHalfLengthCm(), (s, v) -> seedList[voxelStart[v] + fill[v]++] = s);
    }

    /** The index of the seed whose cumulative strength share first exceeds u ∈ [0, 1). */
    int pick(double u) {
        double target = u * totalStrengthU;
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeStrength[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private interface Overlap {
        void accept(int seed, int voxel);
    }

    /** Calls back for every (seed, phantom voxel) pair whose boxes overlap (capsule box padded by 1 µm). */
    private void forEachOverlap(Grid g, double r, double h, Overlap out) {
        double[] spacing = {g.dxMm() / 10, g.dyMm() / 10, g.dzMm() / 10};
        double[] lo = {g.minCornerMm().x() / 10, g.minCornerMm().y() / 10, g.minCornerMm().z() / 10};
        int[] size = {g.nx(), g.ny(), g.nz()};
        for (int s = 0; s < count; s++) {
            int[] from = new int[3];
            int[] to = new int[3];
            boolean inside = true;
            for (int d = 0; d < 3; d++) {
                double a = frame[12 * s + 9 + d];
                double half = Math.abs(a) * h + Math.sqrt(Math.max(0, 1 - a * a)) * r + 1e-4;
                double c = frame[12 * s + d];
                from[d] = Math.max(0, (int) Math.floor((c - half - lo[d]) / spacing[d]));
                to[d] = Math.min(size[d] - 1, (int) Math.floor((c + half - lo[d]) / spacing[d]));
                inside &= from[d] <= to[d];
            }
            if (!inside) {
                continue;
            }
            for (int k = from[2]; k <= to[2]; k++) {
                for (int j = from[1]; j <= to[1]; j++) {
                    for (int i = from[0]; i <= to[0]; i++) {
                        out.accept(s, g.index(i, j, k));
                    }
                }
            }
        }
    }
}
