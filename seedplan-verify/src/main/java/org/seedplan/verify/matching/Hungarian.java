package org.seedplan.verify.matching;

import java.util.Arrays;

/**
 * Minimum-cost assignment for a rectangular cost matrix: the Hungarian (Kuhn–Munkres) algorithm
 * with row/column potentials and shortest augmenting paths, O(n²·m) (Kuhn, Naval Research
 * Logistics Quarterly 2, 1955; Munkres, J. SIAM 5, 1957; formulation of Jonker &amp; Volgenant,
 * Computing 38, 1987).
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * Assigns every row to a distinct column (rows ≤ columns) or every column to a distinct row
     * (otherwise) at the least total cost.
     *
     * @return for each row, its column, or −1 when the row is left unassigned (more rows than columns)
     */
    public static int[] assign(double[][] cost) {
        int rows = cost.length;
        if (rows == 0) {
            return new int[0];
        }
        int cols = cost[0].length;
        for (double[] r : cost) {
            if (r.length != cols) {
                throw new IllegalArgumentException("cost matrix rows differ in length: " + r.length + " vs " + cols);
            }
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cost matrix holds a non-finite cost " + v);
                }
            }
        }
        if (cols == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        if (rows <= cols) {
            return solve(cost, rows, cols, false);
        }
        int[] colToRow = solve(cost, cols, rows, true);
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int c = 0; c < cols; c++) {
            rowToCol[colToRow[c]] = c;
        }
        return rowToCol;
    }

    /** n ≤ m; {@code transposed} reads cost[j][i] as the cost of (i, j). Returns row → column. */
    private static int[] solve(double[][] cost, int n, int m, boolean transposed) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            boolean[] used = new boolean[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = (transposed ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1]) - u[i0] - v[j];
                        if (c < minv[j]) {
                            minv[j] = c;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
