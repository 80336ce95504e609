package org.seedplan.verify.needles;

import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * A polynomial space curve p(t) = Σ c_k (t/scale)^k per coordinate, where t (mm) is the position
 * along a reference axis through a centre, fitted to points by weighted least squares.
 */
record SpaceCurve(Vec3 centre, Vec3 axis, double scaleMm, double[] cx, double[] cy, double[] cz) {

    /** The parameter of a point: its position along the reference axis, mm. */
    double parameterOf(Vec3 p) {
        return p.minus(centre).dot(axis);
    }

    Vec3 at(double t) {
        double u = t / scaleMm;
        return new Vec3(poly(cx, u), poly(cy, u), poly(cz, u));
    }

    /** Unit tangent at t, pointing towards increasing t. */
    Vec3 tangent(double t) {
        double u = t / scaleMm;
        return new Vec3(derivative(cx, u), derivative(cy, u), derivative(cz, u)).normalized();
    }

    /** Distance from p to the curve near the parameter of p (the curve is close to its axis, so one projection suffices). */
    double distance(Vec3 p) {
        double t = parameterOf(p);
        Vec3 d = p.minus(at(t));
        Vec3 tan = tangent(t);
        return d.minus(tan.times(d.dot(tan))).norm();
    }

    /**
     * Fits a curve of the given degree to points with weights; t of each point is its projection
     * on {@code axis} through {@code centre}.
     */
    static SpaceCurve fit(List<Vec3> points, double[] weights, Vec3 centre, Vec3 axis, int degree) {
        double scale = 1;
        for (Vec3 p : points) {
            scale = Math.max(scale, Math.abs(p.minus(centre).dot(axis)));
        }
        int m = degree + 1;
        double[][] a = new double[m][m];
        double[][] b = new double[3][m];
        double[] pw = new double[m];
        for (int n = 0; n < points.size(); n++) {
            Vec3 p = points.get(n);
            double u = p.minus(centre).dot(axis) / scale;
            pw[0] = 1;
            for (int k = 1; k < m; k++) {
                pw[k] = pw[k - 1] * u;
            }
            double w = weights[n];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] += w * pw[r] * pw[c];
                }
                b[0][r] += w * pw[r] * p.x();
                b[1][r] += w * pw[r] * p.y();
                b[2][r] += w * pw[r] * p.z();
            }
        }
        return new SpaceCurve(centre, axis, scale, solve(a, b[0]), solve(a, b[1]), solve(a, b[2]));
    }

    /** The same curve with its z coordinate replaced by {@code other}'s (fitted on the same points, centre and axis). */
    SpaceCurve withZOf(SpaceCurve other) {
        return new SpaceCurve(centre, axis, scaleMm, cx, cy, other.cz);
    }

    private static double poly(double[] c, double u) {
        double v = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            v = v * u + c[k];
        }
        return v;
    }

    private static double derivative(double[] c, double u) {
        double v = 0;
        for (int k = c.length - 1; k >= 1; k--) {
            v = v * u + k * c[k];
        }
        return v;
    }

    /** Gaussian elimination with partial pivoting on a copy (the systems are at most 4 × 4). */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int r = 0; r < n; r++) {
            a[r] = a0[r].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tr = a[c];
            a[c] = a[piv];
            a[piv] = tr;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            if (Math.abs(a[c][c]) < 1e-12) {
                throw new IllegalStateException("needle curve fit is singular: too few distinct points along the needle");
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
