package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/**
 * Weighted mean and principal axes of a point cloud: the eigenvectors of its weighted covariance
 * matrix, largest variance first (eigen-decomposition by cyclic Jacobi rotations; Golub &amp; Van
 * Loan, Matrix Computations, 4th ed., §8.5).
 *
 * @param meanMm    weighted mean, mm
 * @param axes      unit eigenvectors, largest variance first
 * @param variances eigenvalues (variances along each axis), mm², descending
 */
record PrincipalAxes(Vec3 meanMm, Vec3[] axes, double[] variances) {

    static PrincipalAxes of(double[] x, double[] y, double[] z, double[] w, int[] members, int count) {
        double sw = 0;
        double mx = 0;
        double my = 0;
        double mz = 0;
        for (int q = 0; q < count; q++) {
            int n = members == null ? q : members[q];
            sw += w[n];
            mx += w[n] * x[n];
            my += w[n] * y[n];
            mz += w[n] * z[n];
        }
        if (!(sw > 0)) {
            throw new IllegalArgumentException("principal axes of an empty point set");
        }
        mx /= sw;
        my /= sw;
        mz /= sw;
        double[][] c = new double[3][3];
        for (int q = 0; q < count; q++) {
            int n = members == null ? q : members[q];
            double dx = x[n] - mx;
            double dy = y[n] - my;
            double dz = z[n] - mz;
            c[0][0] += w[n] * dx * dx;
            c[0][1] += w[n] * dx * dy;
            c[0][2] += w[n] * dx * dz;
            c[1][1] += w[n] * dy * dy;
            c[1][2] += w[n] * dy * dz;
            c[2][2] += w[n] * dz * dz;
        }
        c[1][0] = c[0][1];
        c[2][0] = c[0][2];
        c[2][1] = c[1][2];
        for (double[] row : c) {
            for (int j = 0; j < 3; j++) {
                row[j] /= sw;
            }
        }
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        jacobi(c, v);
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(c[b][b], c[a][a]));
        Vec3[] axes = new Vec3[3];
        double[] var = new double[3];
        for (int r = 0; r < 3; r++) {
            int e = order[r];
            axes[r] = new Vec3(v[0][e], v[1][e], v[2][e]).normalized();
            var[r] = Math.max(0, c[e][e]);
        }
        return new PrincipalAxes(new Vec3(mx, my, mz), axes, var);
    }

    /**
     * The direction of largest weighted variance in the slice plane (z component 0): a seed's elongation seen within its slices,
     * free of the spread along z that a slice profile wider than the slice spacing adds to every blob.
     */
    static Vec3 inPlaneAxis(double[] x, double[] y, double[] w, int count) {
        Vec3 a = of(x, y, new double[count], w, null, count).axes()[0];
        return new Vec3(a.x(), a.y(), 0).normalized();
    }

    /** Cyclic Jacobi: diagonalises the symmetric {@code a} in place, accumulating rotations in {@code v}. */
    private static void jacobi(double[][] a, double[][] v) {
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
            if (off < 1e-22) {
                return;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = cs * vkp - sn * vkq;
                        v[k][q] = sn * vkp + cs * vkq;
                    }
                }
            }
        }
    }
}
