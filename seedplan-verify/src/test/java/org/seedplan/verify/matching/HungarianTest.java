package org.seedplan.verify.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianTest {

    @Test
    void textbookExampleHasKnownOptimum() {
        // Classic 3 × 3 example (Kuhn 1955 style): optimum 5 + 3 + 2 = 10 by exhaustive check below.
        double[][] c = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        int[] a = Hungarian.assign(c);
        assertThat(cost(c, a)).isCloseTo(bruteForce(c), within(1e-9));
    }

    @Test
    void randomSquareAndRectangularMatricesMatchExhaustiveSearch() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rnd.nextInt(6);
            int cols = 1 + rnd.nextInt(6);
            double[][] c = new double[rows][cols];
            for (double[] r : c) {
                for (int j = 0; j < cols; j++) {
                    r[j] = rnd.nextInt(20) + rnd.nextDouble();
                }
            }
            int[] a = Hungarian.assign(c);
            // Independent reference: enumerate every injective assignment; equality to rounding (1e-9).
            assertThat(cost(c, a)).isCloseTo(bruteForce(c), within(1e-9));
            long assigned = java.util.Arrays.stream(a).filter(j -> j >= 0).count();
            assertThat(assigned).isEqualTo(Math.min(rows, cols));
            assertThat(java.util.Arrays.stream(a).filter(j -> j >= 0).distinct().count()).isEqualTo(assigned);
        }
    }

    private static double cost(double[][] c, int[] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0) {
                s += c[i][a[i]];
            }
        }
        return s;
    }

    private static double bruteForce(double[][] c) {
        int rows = c.length;
        int cols = c[0].length;
        return rows <= cols ? best(c, 0, new boolean[cols], false) : best(transpose(c), 0, new boolean[rows], false);
    }

    private static double best(double[][] c, int row, boolean[] used, boolean unused) {
        if (row == c.length) {
            return 0;
        }
        double b = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.min(b, c[row][j] + best(c, row + 1, used, unused));
                used[j] = false;
            }
        }
        return b;
    }

    private static double[][] transpose(double[][] c) {
        double[][] t = new double[c[0].length][c.length];
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                t[j][i] = c[i][j];
            }
        }
        return t;
    }
}
