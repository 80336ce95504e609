package org.seedplan.stats.tests;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Tests of independence in an r × c table of counts, as R: Pearson's χ² ({@code chisq.test}, with
 * Yates' continuity correction for 2 × 2 tables where YATES = min(0.5, min|O − E|), so a table with
 * |O − E| &lt; 0.5 gives χ² = 0), and Fisher's exact test ({@code fisher.test}): the two-sided p sums
 * the probabilities of all tables with the same margins that are no more likely than the observed one
 * (relative tolerance 1e-7), by enumeration; for 2 × 2 tables also the conditional maximum-likelihood
 * odds ratio and its exact 95 % interval (Fisher 1935; Agresti 2002 §3.5), from the noncentral
 * hypergeometric distribution. Commons Statistics' Fisher test handles 2 × 2 only and its χ² has no
 * Yates correction, so both are ours.
 */
public final class ContingencyTests {

    /** Enumeration limit of Fisher's test (tables visited). */
    static final long MAX_TABLES = 50_000_000L;

    private ContingencyTests() {
    }

    /** Pearson's χ² test; {@code yates} applies only to 2 × 2 tables (R's {@code correct = TRUE}). */
    public static ChiSquareResult chiSquare(long[][] table, boolean yates) {
        int r = table.length;
        int c = table[0].length;
        double[] rowSum = new double[r];
        double[] colSum = new double[c];
        double total = margins(table, rowSum, colSum);
        double[][] e = new double[r][c];
        double min = Double.POSITIVE_INFINITY;
        double minDiff = Double.POSITIVE_INFINITY;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                e[i][j] = rowSum[i] * colSum[j] / total;
                min = Math.min(min, e[i][j]);
                minDiff = Math.min(minDiff, Math.abs(table[i][j] - e[i][j]));
            }
        }
        if (min == 0) {
            throw new IllegalArgumentException("a row or column of the table is empty; fix: drop empty categories");
        }
        boolean correct = yates && r == 2 && c == 2;
        double shift = correct ? Math.min(0.5, minDiff) : 0;
        double x2 = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double d = Math.abs(table[i][j] - e[i][j]) - shift;
                x2 += d * d / e[i][j];
            }
        }
        int df = (r - 1) * (c - 1);
        String method = correct && shift > 0 ? "Pearson's Chi-squared test with Yates' continuity correction"
                : "Pearson's Chi-squared test";
        return new ChiSquareResult(method, x2, df, ChiSquaredDistribution.of(df).survivalProbability(x2), e, min);
    }

    /** Fisher's exact test (two-sided). */
    public static FisherResult fisher(long[][] table) {
        int r = table.length;
        int c = table[0].length;
        double[] rowSum = new double[r];
        double[] colSum = new double[c];
        double total = margins(table, rowSum, colSum);
        int[] rows = new int[r];
        int[] cols = new int[c];
        for (int i = 0; i < r; i++) {
            rows[i] = (int) rowSum[i];
        }
        for (int j = 0; j < c; j++) {
            cols[j] = (int) colSum[j];
        }
        double constant = -LogGamma.value(total + 1);
        for (int v : rows) {
            constant += LogGamma.value(v + 1.0);
        }
        for (int v : cols) {
            constant += LogGamma.value(v + 1.0);
        }
        double observed = constant;
        for (long[] row : table) {
            for (long v : row) {
                observed -= LogGamma.value(v + 1.0);
            }
        }
        Enumeration en = new Enumeration(rows, cols, constant, observed + Math.log1p(1e-7));
        en.column(0, rows.clone(), 0);
        double p = Math.min(1, en.sum);
        if (r == 2 && c == 2) {
            double[] or = oddsRatio(table);
            return new FisherResult(p, or[0], or[1], or[2]);
        }
        return new FisherResult(p, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Depth-first enumeration of tables with the given margins, column by column. */
    private static final class Enumeration {
        final int[] rows;
        final int[] cols;
        final double constant;
        final double limit;
        double sum;
        long visited;

        Enumeration(int[] rows, int[] cols, double constant, double limit) {
            this.rows = rows;
            this.cols = cols;
            this.constant = constant;
            this.limit = limit;
        }

        void column(int j, int[] remaining, double logDenominator) {
            if (j == cols.length - 1) {
                // the last column is determined by the remaining row totals
                double ld = logDenominator;
                for (int v : remaining) {
                    ld += LogGamma.value(v + 1.0);
                }
                double lp = constant - ld;
                if (lp <= limit) {
                    sum += Math.exp(lp);
                }
                if (++visited > MAX_TABLES) {
                    throw new IllegalArgumentException("the table is too large for Fisher's exact test (more than "
                            + MAX_TABLES + " tables with its margins); fix: use the chi-square test");
                }
                return;
            }
            fill(j, 0, cols[j], remaining, logDenominator);
        }

        private void fill(int j, int i, int left, int[] remaining, double logDenominator) {
            if (i == rows.length - 1) {
                if (left > remaining[i]) {
                    return;
                }
                remaining[i] -= left;
                column(j + 1, remaining, logDenominator + LogGamma.value(left + 1.0));
                remaining[i] += left;
                return;
            }
            int restCapacity = 0;
            for (int k = i + 1; k < rows.length; k++) {
                restCapacity += remaining[k];
            }
            int lo = Math.max(0, left - restCapacity);
            int hi = Math.min(left, remaining[i]);
            for (int v = lo; v <= hi; v++) {
                remaining[i] -= v;
                fill(j, i + 1, left - v, remaining, logDenominator + LogGamma.value(v + 1.0));
                remaining[i] += v;
            }
        }
    }

    private static double margins(long[][] table, double[] rowSum, double[] colSum) {
        if (table.length < 2 || table[0].length < 2) {
            throw new IllegalArgumentException("the contingency table is " + table.length + " x "
                    + (table.length == 0 ? 0 : table[0].length) + "; fix: both variables need at least 2 categories");
        }
        double total = 0;
        for (int i = 0; i < table.length; i++) {
            if (table[i].length != table[0].length) {
                throw new IllegalArgumentException("row " + (i + 1) + " of the contingency table has "
                        + table[i].length + " cells, expected " + table[0].length);
            }
            for (int j = 0; j < table[i].length; j++) {
                if (table[i][j] < 0) {
                    throw new IllegalArgumentException("negative count in the contingency table");
                }
                rowSum[i] += table[i][j];
                colSum[j] += table[i][j];
                total += table[i][j];
            }
        }
        return total;
    }

    // ---- 2 x 2 odds ratio (noncentral hypergeometric), as R's fisher.test ----

    private static double[] oddsRatio(long[][] t) {
        int m = (int) (t[0][0] + t[1][0]);
        int n = (int) (t[0][1] + t[1][1]);
        int k = (int) (t[0][0] + t[0][1]);
        int x = (int) t[0][0];
        int lo = Math.max(0, k - n);
        int hi = Math.min(k, m);
        List<Double> logdc = new ArrayList<>();
        for (int s = lo; s <= hi; s++) {
            logdc.add(logChoose(m, s) + logChoose(n, k - s) - logChoose(m + n, k));
        }
        Noncentral h = new Noncentral(lo, hi, logdc.stream().mapToDouble(Double::doubleValue).toArray());
        double mle;
        if (x == lo) {
            mle = 0;
        } else if (x == hi) {
            mle = Double.POSITIVE_INFINITY;
        } else {
            mle = solveOdds(psi -> h.mean(psi) - x);
        }
        double alpha = 0.025;
        double lower = x == lo ? 0 : solveOdds(psi -> h.upperTail(x, psi) - alpha);
        double upper = x == hi ? Double.POSITIVE_INFINITY : solveOdds(psi -> alpha - h.lowerTail(x, psi));
        return new double[] {mle, lower, upper};
    }

    /** Root in ψ ∈ (0, ∞) of an increasing function, bisection on log ψ to full double precision. */
    private static double solveOdds(java.util.function.DoubleUnaryOperator f) {
        double a = -50;
        double b = 50;
        for (int i = 0; i < 200 && b - a > 1e-15 * Math.max(1, Math.abs(a)); i++) {
            double mid = (a + b) / 2;
            if (f.applyAsDouble(Math.exp(mid)) < 0) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return Math.exp((a + b) / 2);
    }

    private static double logChoose(int n, int k) {
        return LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
    }

    /** The noncentral hypergeometric distribution of the top-left cell given the margins. */
    private record Noncentral(int lo, int hi, double[] logdc) {
        double[] density(double psi) {
            double[] d = new double[logdc.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.length; i++) {
                d[i] = logdc[i] + Math.log(psi) * (lo + i);
                max = Math.max(max, d[i]);
            }
            double s = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.exp(d[i] - max);
                s += d[i];
            }
            for (int i = 0; i < d.length; i++) {
                d[i] /= s;
            }
            return d;
        }

        double mean(double psi) {
            double[] d = density(psi);
            double m = 0;
            for (int i = 0; i < d.length; i++) {
                m += (lo + i) * d[i];
            }
            return m;
        }

        double upperTail(int x, double psi) {
            double[] d = density(psi);
            double s = 0;
            for (int i = x - lo; i < d.length; i++) {
                s += d[i];
            }
            return s;
        }

        double lowerTail(int x, double psi) {
            double[] d = density(psi);
            double s = 0;
            for (int i = 0; i <= x - lo; i++) {
                s += d[i];
            }
            return s;
        }
    }
}
