package org.seedplan.planning.template;

import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Distance from the skin on a template grid, mm: positive outside the body, negative inside. The
 * CT is smoothed with a Gaussian of half its voxel size per axis, so that the skin does not keep the
 * terraces of the CT's voxels; the body is where it reaches the skin threshold, plus any air that the outside air cannot reach
 * (gas in the bowel, lung), so that only the outer skin counts; the outside air is what connects to
 * the grid's faces on the needles' side. Every body voxel next to outside air gets the skin's tangent
 * plane there (a point one Newton step from its centre along the CT gradient to the threshold, and
 * the gradient's direction); a voxel's distance is that to the tangent plane of its nearest such
 * voxel (exact Euclidean nearest by {@link DistanceTransform}): exact for a plane whatever the voxel
 * staircase, and off by about half the square of the lateral offset times the skin's curvature.
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
                }
            }
        });
        Grid c = ct.grid();
        blur(grid, huAt, 0, c.dxMm() / 2);
        blur(grid, huAt, 1, c.dyMm() / 2);
        blur(grid, huAt, 2, c.dzMm() / 2);
        for (int idx = 0; idx < n; idx++) {
            tissue[idx] = huAt[idx] >= skinHu;
        }
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
                    double[] sp = skinPlane(grid, huAt, b, skinHu);
                    double dist = (grid.x(i) - sp[0]) * sp[3] + (grid.y(j) - sp[1]) * sp[4] + (grid.z(k) - sp[2]) * sp[5];
                    d[idx] = (float) (air[idx] ? Math.max(dist, 1e-3) : Math.min(dist, -1e-3));
                }
            }
        });
        return d;
    }

    /** Gaussian smoothing of {@code f} along one axis (0 = x, 1 = y, 2 = z) with {@code sigmaMm}, edges clamped. */
    private static void blur(Grid grid, float[] f, int axis, double sigmaMm) {
        double h = axis == 0 ? grid.dxMm() : axis == 1 ? grid.dyMm() : grid.dzMm();
        int r = (int) Math.ceil(3 * sigmaMm / h);
        if (r < 1) {
            return;
        }
        double[] w = new double[2 * r + 1];
        double sum = 0;
        for (int m = -r; m <= r; m++) {
            w[m + r] = Math.exp(-0.5 * (m * h / sigmaMm) * (m * h / sigmaMm));
            sum += w[m + r];
        }
        for (int m = 0; m < w.length; m++) {
            w[m] /= sum;
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int len = axis == 0 ? nx : axis == 1 ? ny : nz;
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int lines = grid.voxelCount() / len;
        IntStream.range(0, lines).parallel().forEach(line -> {
            int start;
            if (axis == 0) {
                start = line * nx;
            } else if (axis == 1) {
                start = (line % nx) + (line / nx) * nx * ny;
            } else {
                start = line;
            }
            float[] src = new float[len];
            for (int q = 0; q < len; q++) {
                src[q] = f[start + q * stride];
            }
            for (int q = 0; q < len; q++) {
                double acc = 0;
                for (int m = -r; m <= r; m++) {
                    acc += w[m + r] * src[Math.max(0, Math.min(len - 1, q + m))];
                }
                f[start + q * stride] = (float) acc;
            }
        });
    }

    /**
     * The skin's tangent plane near body voxel {@code b}: a point (a Newton step from its centre along
     * the HU gradient to {@code skinHu}, at most one voxel) and the outward unit normal (against the
     * gradient), as {x, y, z, nx, ny, nz}.
     */
    private static double[] skinPlane(Grid grid, float[] hu, int b, double skinHu) {
        int nx = grid.nx();
        int ny = grid.ny();
        int i = b % nx;
        int j = (b / nx) % ny;
        int k = b / (nx * ny);
        double gx = (hu[grid.index(Math.min(i + 1, nx - 1), j, k)] - hu[grid.index(Math.max(i - 1, 0), j, k)]) / (2 * grid.dxMm());
        double gy = (hu[grid.index(i, Math.min(j + 1, ny - 1), k)] - hu[grid.index(i, Math.max(j - 1, 0), k)]) / (2 * grid.dyMm());
        double gz = (hu[grid.index(i, j, Math.min(k + 1, grid.nz() - 1))] - hu[grid.index(i, j, Math.max(k - 1, 0))]) / (2 * grid.dzMm());
        double g2 = gx * gx + gy * gy + gz * gz;
        double cx = grid.x(i);
        double cy = grid.y(j);
        double cz = grid.z(k);
        if (!(g2 > 0)) {
            return new double[] {cx, cy, cz, 0, 0, 0};
        }
        double s = (skinHu - hu[b]) / g2;
        double len = Math.sqrt(g2);
        double step = Math.min(Math.abs(s) * len, grid.dxMm()) * Math.signum(s) / len;
        return new double[] {cx + gx * step, cy + gy * step, cz + gz * step, -gx / len, -gy / len, -gz / len};
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
