package org.seedplan.dose.montecarlo;

import org.seedplan.geometry.Grid;

/**
 * One thread's tally on the scoring grid: adds track-length kerma of each flight segment to the voxels it crosses
 * (directly when the scoring grid is the phantom grid, by a grid walk otherwise), and keeps per-voxel sums over
 * batches of Dm,m, its square and Dw,m for the batch estimate of the statistical uncertainty, and the sums of Dm,m and Dw,m
 * over each of its groups of batches (batch k of this scorer goes to group k mod groups) for the bootstrap over groups of
 * histories that gives the dose metrics' σ ({@code MetricUncertainty}).
 */
final class VoxelScorer {

    private final boolean samePhantomGrid;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double loX;
    private final double loY;
    private final double loZ;
    private final double sx;
    private final double sy;
    private final double sz;
    private final double[] batchMedium;
    private final double[] batchWater;
    final double[] sumMedium;
    final double[] sumSquaresMedium;
    final double[] sumWater;
    /** Per group of batches, the sums of Dm,m and Dw,m (float: each holds a few batches' sums, added once per batch). */
    final float[][] groupMedium;
    final float[][] groupWater;
    /** Batches closed into each group. */
    final int[] groupBatches;
    int batches;

    /** A tally whose batches are all one group. */
    VoxelScorer(Grid scoring, Grid phantom) {
        this(scoring, phantom, 1);
    }

    /** A tally that keeps {@code groups} groups of its batches apart, batch k in group k mod groups. */
    VoxelScorer(Grid scoring, Grid phantom, int groups) {
        this.samePhantomGrid = scoring.equals(phantom);
        this.nx = scoring.nx();
        this.ny = scoring.ny();
        this.nz = scoring.nz();
        this.loX = scoring.minCornerMm().x() / 10;
        this.loY = scoring.minCornerMm().y() / 10;
        this.loZ = scoring.minCornerMm().z() / 10;
        this.sx = scoring.dxMm() / 10;
        this.sy = scoring.dyMm() / 10;
        this.sz = scoring.dzMm() / 10;
        int n = scoring.voxelCount();
        this.batchMedium = new double[n];
        this.batchWater = new double[n];
        this.sumMedium = new double[n];
        this.sumSquaresMedium = new double[n];
        this.sumWater = new double[n];
        this.groupMedium = new float[groups][n];
        this.groupWater = new float[groups][n];
        this.groupBatches = new int[groups];
    }

    /**
     * Scores a straight segment of {@code lengthCm} from the photon's position along its direction, which lies in
     * phantom voxel {@code phantomVoxel}; weights are E·μen/ρ (keV·cm²/g) of the medium and of water.
     */
    void score(int phantomVoxel, Photon p, double lengthCm, double weightMedium, double weightWater) {
        if (samePhantomGrid) {
            batchMedium[phantomVoxel] += weightMedium * lengthCm;
            batchWater[phantomVoxel] += weightWater * lengthCm;
            return;
        }
        walk(p.x, p.y, p.z, p.u, p.v, p.w, lengthCm, weightMedium, weightWater);
    }

    private void walk(double x, double y, double z, double u, double v, double w, double length, double wm, double ww) {
        double t0 = 0;
        double t1 = length;
        double[] lo = {loX, loY, loZ};
        double[] hi = {loX + nx * sx, loY + ny * sy, loZ + nz * sz};
        double[] o = {x, y, z};
        double[] d = {u, v, w};
        for (int a = 0; a < 3; a++) {
            if (d[a] == 0) {
                if (o[a] < lo[a] || o[a] >= hi[a]) {
                    return;
                }
                continue;
            }
            double ta = (lo[a] - o[a]) / d[a];
            double tb = (hi[a] - o[a]) / d[a];
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        if (!(t1 > t0)) {
            return;
        }
        double tm = 0.5 * (t0 + Math.min(t1, t0 + 1e-7));
        int i = clamp((int) Math.floor((x + u * tm - loX) / sx), nx);
        int j = clamp((int) Math.floor((y + v * tm - loY) / sy), ny);
        int k = clamp((int) Math.floor((z + w * tm - loZ) / sz), nz);
        double t = t0;
        while (t < t1) {
            double tx = u > 0 ? (loX + (i + 1) * sx - x) / u : u < 0 ? (loX + i * sx - x) / u : Double.POSITIVE_INFINITY;
            double ty = v > 0 ? (loY + (j + 1) * sy - y) / v : v < 0 ? (loY + j * sy - y) / v : Double.POSITIVE_INFINITY;
            double tz = w > 0 ? (loZ + (k + 1) * sz - z) / w : w < 0 ? (loZ + k * sz - z) / w : Double.POSITIVE_INFINITY;
            double next = Math.min(t1, Math.min(tx, Math.min(ty, tz)));
            if (next > t) {
                int n = i + nx * (j + ny * k);
                batchMedium[n] += wm * (next - t);
                batchWater[n] += ww * (next - t);
                t = next;
            }
            if (t >= t1) {
                return;
            }
            if (tx <= ty && tx <= tz) {
                i += u > 0 ? 1 : -1;
            } else if (ty <= tz) {
                j += v > 0 ? 1 : -1;
            } else {
                k += w > 0 ? 1 : -1;
            }
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                return;
            }
        }
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** Closes a batch: adds its scores to the sums and to its group's, and starts the next from zero. */
    void endBatch() {
        int g = batches % groupBatches.length;
        float[] gm = groupMedium[g];
        float[] gw = groupWater[g];
        for (int n = 0; n < batchMedium.length; n++) {
            double m = batchMedium[n];
            if (m != 0 || batchWater[n] != 0) {
                sumMedium[n] += m;
                sumSquaresMedium[n] += m * m;
                sumWater[n] += batchWater[n];
                gm[n] += (float) m;
                gw[n] += (float) batchWater[n];
                batchMedium[n] = 0;
                batchWater[n] = 0;
            }
        }
        groupBatches[g]++;
        batches++;
    }
}
