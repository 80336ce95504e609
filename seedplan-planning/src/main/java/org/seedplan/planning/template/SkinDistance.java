package org.seedplan.planning.template;

import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Distance from the skin on a template grid, mm: positive outside the body, negative inside. The
 * body is where the CT reaches the skin threshold, plus any air that the outside air cannot reach
 * (gas in the bowel, lung), so that only the outer skin counts; the outside air is what connects to
 * the grid's faces on the needles' side. Every body voxel next to outside air gets a point on the
 * skin (one Newton step from its centre along the CT gradient to the threshold); a voxel's distance
 * is that to the skin point of its nearest body voxel (exact Euclidean nearest by
 * {@link DistanceTransform}), within about (h/2)²/2d of the true distance for voxel size h.
 */
final class SkinDistance {

    private SkinDistance() {
    }

    /**
     * The distance field on {@code grid}; {@code outward} points from the body towards the outside
     * air at {@code centreMm} (the needles come from there). Points outside the CT count as air.
     */
    static float[] compute(Volume ct, double skinHu, Grid grid, Vec3 centreMm, Vec3 outward) {
        HuSampler hu = new HuSampler(ct);
        int n = grid.voxelCount();
        float[] huAt = new float[n];
        boolean[] tissue = new boolean[n];
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double v = hu.hu(grid.x(i), grid.y(j), grid.z(k));
                    int idx = grid.index(i, j, k);
                    huAt[idx] = Double.isNaN(v) ? -1000f : (float) v;
                    tissue[idx] = huAt[idx] >= skinHu;
                }
            }
        });
        boolean[] air = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    boolean face = i == 0 || j == 0 || k == 0 || i == grid.nx() - 1 || j == grid.ny() - 1 || k == grid.nz() - 1;
                    int idx = grid.index(i, j, k);
                    if (face && !tissue[idx] && grid.centre(i, j, k).minus(centreMm).dot(outward) >= 0) {
                        air[idx] = true;
                        queue[tail++] = idx;
                    }
                }
            }
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int nxy = nx * ny;
        while (head < tail) {
            int idx = queue[head++];
            int i = idx % nx;
            int j = (idx / nx) % ny;
            int k = idx / nxy;
            tail = visit(tissue, air, queue, tail, i > 0 ? idx - 1 : -1);
            tail = visit(tissue, air, queue, tail, i < nx - 1 ? idx + 1 : -1);
            tail = visit(tissue, air, queue, tail, j > 0 ? idx - nx : -1);
            tail = visit(tissue, air, queue, tail, j < ny - 1 ? idx + nx : -1);
            tail = visit(tissue, air, queue, tail, k > 0 ? idx - nxy : -1);
            tail = visit(tissue, air, queue, tail, k < grid.nz() - 1 ? idx + nxy : -1);
        }
        boolean[] skinVoxel = new boolean[n];
        for (int idx = 0; idx < n; idx++) {
            if (air[idx]) {
                continue;
            }
            int i = idx % nx;
            int j = (idx / nx) % ny;
            int k = idx / nxy;
            skinVoxel[idx] = (i > 0 && air[idx - 1]) || (i < nx - 1 && air[idx + 1]) || (j > 0 && air[idx - nx])
                    || (j < ny - 1 && air[idx + nx]) || (k > 0 && air[idx - nxy]) || (k < grid.nz() - 1 && air[idx + nxy]);
        }
        int[] nearest = DistanceTransform.nearest(grid, skinVoxel);
        double h = grid.dxMm();
        float[] d = new float[n];
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = grid.index(i, j, k);
                    int b = nearest[idx];
                    if (b < 0) {
                        d[idx] = air[idx] ? 1e6f : -1e6f;
                        continue;
                    }
                    double dist = grid.centre(idx).distanceTo(skinPoint(grid, huAt, b, skinHu));
                    d[idx] = (float) (air[idx] ? dist : -dist);
                }
            }
        });
        return d;
    }

    /** The skin point near body voxel {@code b}: a Newton step from its centre along the HU gradient to {@code skinHu}, at most one voxel. */
    private static Vec3 skinPoint(Grid grid, float[] hu, int b, double skinHu) {
        int nx = grid.nx();
        int ny = grid.ny();
        int i = b % nx;
        int j = (b / nx) % ny;
        int k = b / (nx * ny);
        double gx = (hu[grid.index(Math.min(i + 1, nx - 1), j, k)] - hu[grid.index(Math.max(i - 1, 0), j, k)]) / (2 * grid.dxMm());
        double gy = (hu[grid.index(i, Math.min(j + 1, ny - 1), k)] - hu[grid.index(i, Math.max(j - 1, 0), k)]) / (2 * grid.dyMm());
        double gz = (hu[grid.index(i, j, Math.min(k + 1, grid.nz() - 1))] - hu[grid.index(i, j, Math.max(k - 1, 0))]) / (2 * grid.dzMm());
        double g2 = gx * gx + gy * gy + gz * gz;
        Vec3 c = grid.centre(b);
        if (!(g2 > 0)) {
            return c;
        }
        double s = (skinHu - hu[b]) / g2;
        Vec3 step = new Vec3(gx * s, gy * s, gz * s);
        double max = grid.dxMm();
        return c.plus(step.norm() > max ? step.normalized().times(max) : step);
    }

    /** Marks voxel {@code idx} as outside air and queues it when it is air not yet reached; returns the queue's new end. */
    private static int visit(boolean[] tissue, boolean[] air, int[] queue, int tail, int idx) {
        if (idx >= 0 && !tissue[idx] && !air[idx]) {
            air[idx] = true;
            queue[tail++] = idx;
        }
        return tail;
    }

    /** Trilinear interpolation of a field on {@code grid} at {@code p}, clamped to the grid. */
    static double sample(Grid grid, float[] f, Vec3 p) {
        double fi = clamp((p.x() - grid.originMm().x()) / grid.dxMm(), grid.nx() - 1);
        double fj = clamp((p.y() - grid.originMm().y()) / grid.dyMm(), grid.ny() - 1);
        double fk = clamp((p.z() - grid.originMm().z()) / grid.dzMm(), grid.nz() - 1);
        int i = Math.min((int) fi, grid.nx() - 2);
        int j = Math.min((int) fj, grid.ny() - 2);
        int k = Math.min((int) fk, grid.nz() - 2);
        double u = fi - i;
        double v = fj - j;
        double w = fk - k;
        double c00 = f[grid.index(i, j, k)] * (1 - u) + f[grid.index(i + 1, j, k)] * u;
        double c10 = f[grid.index(i, j + 1, k)] * (1 - u) + f[grid.index(i + 1, j + 1, k)] * u;
        double c01 = f[grid.index(i, j, k + 1)] * (1 - u) + f[grid.index(i + 1, j, k + 1)] * u;
        double c11 = f[grid.index(i, j + 1, k + 1)] * (1 - u) + f[grid.index(i + 1, j + 1, k + 1)] * u;
        return (c00 * (1 - v) + c10 * v) * (1 - w) + (c01 * (1 - v) + c11 * v) * w;
    }

    private static double clamp(double x, int max) {
        return Math.max(0, Math.min(max, x));
    }
}
