package org.seedplan.source;

import java.util.Arrays;

/**
 * The TG-43 2D anisotropy function F(r, θ) on a rectangular (r, θ) table, read by bilinear
 * interpolation (TG-43U1 §III.C; PROVENANCE.md §5). θ is folded to [0°, 90°] because the seeds are
 * symmetric, F(r, θ) = F(r, 180° − θ). Outside the r range the nearest tabulated r is used.
 */
public record AnisotropyTable(double[] rCm, double[] thetaDeg, double[][] f) {

    public AnisotropyTable {
        if (f.length != rCm.length) {
            throw new IllegalArgumentException("F table has " + f.length + " rows for " + rCm.length + " radii");
        }
        for (double[] row : f) {
            if (row.length != thetaDeg.length) {
                throw new IllegalArgumentException("F table is not rectangular: every radius needs the same angles");
            }
        }
        rCm = rCm.clone();
        thetaDeg = thetaDeg.clone();
        f = Arrays.stream(f).map(double[]::clone).toArray(double[][]::new);
    }

    public double minRCm() {
        return rCm[0];
    }

    public double maxRCm() {
        return rCm[rCm.length - 1];
    }

    /** F at r (cm) and θ (degrees, any value in [0, 180]). */
    public double at(double r, double theta) {
        double t = theta > 90 ? 180 - theta : theta;
        int ir = lowerIndex(rCm, r);
        int it = lowerIndex(thetaDeg, t);
        double wr = weight(rCm, ir, r);
        double wt = weight(thetaDeg, it, t);
        int ir1 = Math.min(ir + 1, rCm.length - 1);
        int it1 = Math.min(it + 1, thetaDeg.length - 1);
        double a = f[ir][it] + wt * (f[ir][it1] - f[ir][it]);
        double b = f[ir1][it] + wt * (f[ir1][it1] - f[ir1][it]);
        return a + wr * (b - a);
    }

    /** Index of the node at or below v, clamped to the table. */
    private static int lowerIndex(double[] nodes, double v) {
        if (v <= nodes[0]) {
            return 0;
        }
        if (v >= nodes[nodes.length - 1]) {
            return nodes.length - 1;
        }
        int i = Arrays.binarySearch(nodes, v);
        return i >= 0 ? i : -i - 2;
    }

    /** Interpolation weight of the upper node; 0 (nearest neighbour) outside the table. */
    private static double weight(double[] nodes, int lo, double v) {
        if (lo >= nodes.length - 1 || v <= nodes[0]) {
            return 0;
        }
        return (v - nodes[lo]) / (nodes[lo + 1] - nodes[lo]);
    }
}
