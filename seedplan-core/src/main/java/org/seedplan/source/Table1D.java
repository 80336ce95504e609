package org.seedplan.source;

import java.util.Arrays;

/**
 * A function tabulated at increasing abscissae, read by linear interpolation.
 *
 * <p>Below the first node the first value is used (nearest neighbour). Above the last node the
 * table either holds the last value or extrapolates linearly through the last two nodes, clamped at
 * zero (TG-43U1 Appendix C, Eq. C1, as matRad implements it for g_L; see PROVENANCE.md §5).
 */
public record Table1D(double[] x, double[] y, boolean extrapolateAbove) {

    public Table1D {
        if (x.length != y.length || x.length < 1) {
            throw new IllegalArgumentException("a table needs matching, non-empty x and y columns");
        }
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("table abscissae must increase, but " + x[i] + " follows " + x[i - 1]);
            }
        }
        x = x.clone();
        y = y.clone();
    }

    public double min() {
        return x[0];
    }

    public double max() {
        return x[x.length - 1];
    }

    public double at(double v) {
        int n = x.length;
        if (v <= x[0]) {
            return y[0];
        }
        if (v >= x[n - 1]) {
            if (!extrapolateAbove || n < 2) {
                return y[n - 1];
            }
            double slope = (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]);
            return Math.max(0, y[n - 1] + slope * (v - x[n - 1]));
        }
        int i = Arrays.binarySearch(x, v);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (v - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }
}
