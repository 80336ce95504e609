package org.seedplan.planning.template;

import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;

/**
 * The nearest marked voxel centre of every voxel centre of a grid, by exact Euclidean distance:
 * the separable lower-envelope-of-parabolas algorithm of Felzenszwalb and Huttenlocher
 * ("Distance Transforms of Sampled Functions", Theory of Computing 8 (2012) 415–428), applied
 * along x, then y, then z; spacing may differ per axis.
 */
public final class DistanceTransform {

    private static final double FAR = 1e20;

    private DistanceTransform() {
    }

    /** Index of the nearest voxel with {@code marked[i] == true}, for every voxel; -1 everywhere when none is marked. */
    public static int[] nearest(Grid grid, boolean[] marked) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        double[] d = new double[grid.voxelCount()];
        int[] from = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = marked[i] ? 0 : FAR;
            from[i] = marked[i] ? i : -1;
        }
        IntStream.range(0, ny * nz).parallel().forEach(row -> {
            int j = row % ny;
            int k = row / ny;
            pass(d, from, grid.index(0, j, k), 1, nx, grid.dxMm());
        });
        IntStream.range(0, nx * nz).parallel().forEach(col -> {
            int i = col % nx;
            int k = col / nx;
            pass(d, from, grid.index(i, 0, k), nx, ny, grid.dyMm());
        });
        IntStream.range(0, nx * ny).parallel().forEach(col -> pass(d, from, col, nx * ny, nz, grid.dzMm()));
        return from;
    }

    /** One 1D squared-distance pass, carrying the nearest marked voxel, over {@code n} samples from {@code start} with {@code stride}, spacing {@code h}. */
    private static void pass(double[] d, int[] from, int start, int stride, int n, double h) {
        double[] f = new double[n];
        int[] src = new int[n];
        for (int q = 0; q < n; q++) {
            f[q] = d[start + q * stride];
            src[q] = from[start + q * stride];
        }
        int[] v = new int[n];
        double[] z = new double[n + 1];
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] >= FAR) {
                continue;
            }
            double s = Double.NaN;
            while (k >= 0) {
                int p = v[k];
                s = ((f[q] + sq(q * h)) - (f[p] + sq(p * h))) / (2 * h * (q - p));
                if (s <= z[k]) {
                    k--;
                } else {
                    break;
                }
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            return;
        }
        int m = 0;
        for (int q = 0; q < n; q++) {
            while (z[m + 1] < q * h) {
                m++;
            }
            int p = v[m];
            d[start + q * stride] = sq((q - p) * h) + f[p];
            from[start + q * stride] = src[p];
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
