package org.seedplan.stats.linalg;

/**
 * Small dense symmetric positive-definite linear algebra (Cholesky, Golub &amp; Van Loan §4.2) for
 * the p × p information matrices of Cox models and the variance matrices of tests; p is small.
 */
public final class Matrices {

    /** Relative pivot tolerance below which a matrix counts as singular (R's {@code toler.chol}). */
    public static final double TOLERANCE = Math.pow(Math.ulp(1.0), 0.75);

    private Matrices() {
    }

    /**
     * Lower Cholesky factor L with A = L·Lᵀ.
     *
     * @param what names the matrix in the error message
     * @throws IllegalArgumentException when A is not positive definite (collinear covariates)
     */
    public static double[][] cholesky(double[][] a, String what) {
        int p = a.length;
        double[][] l = new double[p][p];
        double maxDiag = 0;
        for (int i = 0; i < p; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
        }
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > TOLERANCE * maxDiag)) {
                throw new IllegalArgumentException(what + " is singular at column " + (j + 1)
                        + "; fix: remove a covariate that is constant or a combination of others (or a level with no events)");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    /** Solves A·x = b for symmetric positive-definite A. */
    public static double[] solveSymmetric(double[][] a, double[] b, String what) {
        return solveWithFactor(cholesky(a, what), b);
    }

    public static double[] solveWithFactor(double[][] l, double[] b) {
        int p = b.length;
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Inverse of a symmetric positive-definite matrix. */
    public static double[][] inverse(double[][] a, String what) {
        double[][] l = cholesky(a, what);
        int p = a.length;
        double[][] inv = new double[p][p];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            double[] col = solveWithFactor(l, e);
            for (int i = 0; i < p; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }

    /** The quadratic form bᵀA⁻¹b. */
    public static double quadraticInverse(double[][] a, double[] b, String what) {
        double[] x = solveSymmetric(a, b, what);
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += x[i] * b[i];
        }
        return s;
    }

    /** The sub-matrix of rows and columns {@code idx}. */
    public static double[][] sub(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][idx.length];
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                out[i][j] = a[idx[i]][idx[j]];
            }
        }
        return out;
    }
}
