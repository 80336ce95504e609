package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Grid;

/**
 * One connected group of voxels above the metal threshold: flat voxel indices, their CT numbers,
 * their centres in mm and their box on the grid.
 */
final class Blob {

    final int[] voxels;
    final float[] hu;
    final double[] x;
    final double[] y;
    final double[] z;
    final int i0;
    final int i1;
    final int j0;
    final int j1;
    final int k0;
    final int k1;

    Blob(Grid g, int[] voxels, float[] ct) {
        this.voxels = voxels;
        int n = voxels.length;
        hu = new float[n];
        x = new double[n];
        y = new double[n];
        z = new double[n];
        int a0 = Integer.MAX_VALUE;
        int a1 = Integer.MIN_VALUE;
        int b0 = Integer.MAX_VALUE;
        int b1 = Integer.MIN_VALUE;
        int c0 = Integer.MAX_VALUE;
        int c1 = Integer.MIN_VALUE;
        int nx = g.nx();
        int nxy = nx * g.ny();
        for (int q = 0; q < n; q++) {
            int v = voxels[q];
            int k = v / nxy;
            int j = (v - k * nxy) / nx;
            int i = v - k * nxy - j * nx;
            hu[q] = ct[v];
            x[q] = g.x(i);
            y[q] = g.y(j);
            z[q] = g.z(k);
            a0 = Math.min(a0, i);
            a1 = Math.max(a1, i);
            b0 = Math.min(b0, j);
            b1 = Math.max(b1, j);
            c0 = Math.min(c0, k);
            c1 = Math.max(c1, k);
        }
        i0 = a0;
        i1 = a1;
        j0 = b0;
        j1 = b1;
        k0 = c0;
        k1 = c1;
    }

    int size() {
        return voxels.length;
    }

    double peakHu() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : hu) {
            m = Math.max(m, v);
        }
        return m;
    }
}
