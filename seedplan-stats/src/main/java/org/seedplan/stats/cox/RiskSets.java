package org.seedplan.stats.cox;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.data.Factor;
import org.seedplan.stats.survival.TimeBins;

/**
 * The Cox partial likelihood on data sorted once by (stratum, time): covariates centred and stored
 * row-major in that order, so that one backward pass per evaluation accumulates the risk-set sums
 * Σw, Σw·x, Σw·x·xᵀ (w = exp(xᵀβ)) and, per distinct event time, the Efron or Breslow terms
 * (Therneau &amp; Grambsch 2000 §3.3; the sums over the Efron fractions are taken in closed form,
 * so tied deaths cost O(d + p²) per time, not O(d·p²)).
 */
final class RiskSets {

    /** Receives the contribution of each distinct event time (for {@link CoxZph}). */
    interface DeathTimeVisitor {
        /**
         * @param bin      bin index (sorted order)
         * @param deaths   number of events at this time
         * @param meanX    Efron-averaged risk-set mean of the centred covariates (length p)
         * @param scoreInc contribution to the score, Σ deaths (x − mean) (length p)
         * @param infoInc  contribution to the information, lower triangle of a p × p row-major matrix
         */
        void visit(int bin, int deaths, double[] meanX, double[] scoreInc, double[] infoInc);
    }

    final int n;
    final int p;
    final double[] x;        // sorted, centred, row-major
    final boolean[] event;   // sorted
    final int[] binStart;    // rows of bin b: binStart[b] .. binStart[b+1]-1
    final int[] stratumStart; // bins of stratum s
    final double[] binTime;
    final int[] order;       // original row of each sorted position
    final double[] means;
    final int[] stratumOfBin;
    final int[] deathsInBin;
    final int tri;

    RiskSets(double[] time, boolean[] ev, DesignMatrix design, Factor strata) {
        n = time.length;
        p = design.columns();
        TimeBins bins = TimeBins.of(time, strata == null ? null : strata.codes(),
                strata == null ? 1 : strata.levelCount());
        int[][] byBin = bins.rowsByBin();
        order = byBin[0];
        binStart = byBin[1];
        stratumStart = bins.stratumStart();
        binTime = bins.binTime();
        stratumOfBin = new int[binTime.length];
        for (int s = 0; s + 1 < stratumStart.length; s++) {
            Arrays.fill(stratumOfBin, stratumStart[s], stratumStart[s + 1], s);
        }
        tri = p * (p + 1) / 2;
        means = new double[p];
        double[] v = design.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                means[j] += v[i * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            means[j] /= n;
        }
        x = new double[n * p];
        event = new boolean[n];
        int chunks = n < PARALLEL_ROWS ? 1 : 4 * Runtime.getRuntime().availableProcessors();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int r = (int) ((long) n * c / chunks); r < (int) ((long) n * (c + 1) / chunks); r++) {
                int i = order[r];
                event[r] = ev[i];
                for (int j = 0; j < p; j++) {
                    x[r * p + j] = v[i * p + j] - means[j];
                }
            }
        });
        deathsInBin = new int[binTime.length];
        for (int b = 0; b < binTime.length; b++) {
            for (int r = binStart[b]; r < binStart[b + 1]; r++) {
                if (event[r]) {
                    deathsInBin[b]++;
                }
            }
        }
    }

    /** Linear predictor (centred, as R's {@code linear.predictors}) in sorted order. */
    double[] linearPredictor(double[] beta) {
        double[] eta = new double[n];
        for (int r = 0; r < n; r++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                e += x[r * p + j] * beta[j];
            }
            eta[r] = e;
        }
        return eta;
    }

    /** Bins per block of {@link #evaluate}: bounds the per-bin scratch arrays to about 32 MB. */
    private int blockBins() {
        int width = 2 + 3 * p + 2 * tri;
        return Math.max(1024, 4_000_000 / width);
    }

    /** Rows below which the per-row pass runs on the calling thread only. */
    private static final int PARALLEL_ROWS = 100_000;

    /**
     * The log partial likelihood at β; fills the score {@code u} (length p) and the information
     * {@code imat} (p × p row-major, symmetric).
     *
     * <p>Per block of time bins: (1) the rows of each bin are summed in parallel over bins (Σw, Σwx,
     * Σwxxᵀ of the censored rows and of the deaths; each bin by one thread in row order, so results do not
     * depend on the number of threads); (2) a sequential backward pass over the bins adds them to the
     * risk-set sums and takes the Efron or Breslow terms.
     */
    double evaluate(double[] beta, Ties ties, double[] u, double[] imat, DeathTimeVisitor visitor) {
        Arrays.fill(u, 0);
        Arrays.fill(imat, 0);
        int m = binTime.length;
        int block = Math.min(m, blockBins());
        BinSums sums = new BinSums(block);
        double loglik = 0;
        double s0 = 0;
        double[] s1 = new double[p];
        double[] s2 = new double[tri];
        double[] mean = new double[p];
        double[] score = new double[p];
        double[] info = new double[p * p];
        int currentStratum = -1;
        for (int hi = m; hi > 0; hi -= block) {
            int lo = Math.max(0, hi - block);
            sums.fill(beta, lo, hi);
            for (int b = hi - 1; b >= lo; b--) {
                if (stratumOfBin[b] != currentStratum) {
                    currentStratum = stratumOfBin[b];
                    s0 = 0;
                    Arrays.fill(s1, 0);
                    Arrays.fill(s2, 0);
                }
                int k = b - lo;
                s0 += sums.cens0[k] + sums.dead0[k];
                for (int j = 0; j < p; j++) {
                    s1[j] += sums.cens1[k * p + j] + sums.dead1[k * p + j];
                }
                for (int t = 0; t < tri; t++) {
                    s2[t] += sums.cens2[k * tri + t] + sums.dead2[k * tri + t];
                }
                int deaths = deathsInBin[b];
                if (deaths == 0) {
                    continue;
                }
                double d0 = sums.dead0[k];
                int o1 = k * p;
                int o2 = k * tri;
                double[] d1 = sums.dead1;
                double[] d2 = sums.dead2;
                loglik += sums.etaSum[k];
                if (ties == Ties.BRESLOW || deaths == 1) {
                    loglik -= deaths * Math.log(s0);
                    for (int j = 0; j < p; j++) {
                        mean[j] = s1[j] / s0;
                        score[j] = sums.xs[o1 + j] - deaths * mean[j];
                    }
                    for (int j = 0, t = 0; j < p; j++) {
                        for (int c = 0; c <= j; c++, t++) {
                            info[j * p + c] = deaths * (s2[t] / s0 - mean[j] * mean[c]);
                        }
                    }
                } else {
                    // Efron: denominators a_r = s0 - (r/d)·d0, r = 0..d-1, summed in closed form
                    double a1 = 0;
                    double b1 = 0;
                    double a2 = 0;
                    double b2 = 0;
                    double c2 = 0;
                    for (int r = 0; r < deaths; r++) {
                        double f = (double) r / deaths;
                        double a = s0 - f * d0;
                        loglik -= Math.log(a);
                        double ia = 1 / a;
                        a1 += ia;
                        b1 += f * ia;
                        a2 += ia * ia;
                        b2 += f * ia * ia;
                        c2 += f * f * ia * ia;
                    }
                    for (int j = 0; j < p; j++) {
                        double mj = s1[j] * a1 - d1[o1 + j] * b1;
                        score[j] = sums.xs[o1 + j] - mj;
                        mean[j] = mj / deaths;
                    }
                    for (int j = 0, t = 0; j < p; j++) {
                        for (int c = 0; c <= j; c++, t++) {
                            info[j * p + c] = s2[t] * a1 - d2[o2 + t] * b1
                                    - (s1[j] * s1[c] * a2 - (s1[j] * d1[o1 + c] + d1[o1 + j] * s1[c]) * b2
                                    + d1[o1 + j] * d1[o1 + c] * c2);
                        }
                    }
                }
                for (int j = 0; j < p; j++) {
                    u[j] += score[j];
                    for (int c = 0; c <= j; c++) {
                        imat[j * p + c] += info[j * p + c];
                    }
                }
                if (visitor != null) {
                    visitor.visit(b, deaths, mean, score, info);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < j; c++) {
                imat[c * p + j] = imat[j * p + c];
            }
        }
        return loglik;
    }

    /** Per-bin sums of one block of bins (packed lower triangles for the second moments). */
    private final class BinSums {
        final double[] cens0;
        final double[] cens1;
        final double[] cens2;
        final double[] dead0;
        final double[] dead1;
        final double[] dead2;
        final double[] xs;
        final double[] etaSum;

        BinSums(int bins) {
            cens0 = new double[bins];
            cens1 = new double[bins * p];
            cens2 = new double[bins * tri];
            dead0 = new double[bins];
            dead1 = new double[bins * p];
            dead2 = new double[bins * tri];
            xs = new double[bins * p];
            etaSum = new double[bins];
        }

        void fill(double[] beta, int lo, int hi) {
            int rows = binStart[hi] - binStart[lo];
            int chunks = rows < PARALLEL_ROWS ? 1 : 4 * Runtime.getRuntime().availableProcessors();
            if (chunks == 1) {
                fillBins(beta, lo, hi, lo);
                return;
            }
            // split the bins of the block into chunks of about equal rows
            int[] cut = new int[chunks + 1];
            cut[0] = lo;
            cut[chunks] = hi;
            int b = lo;
            for (int c = 1; c < chunks; c++) {
                long target = binStart[lo] + (long) rows * c / chunks;
                while (b < hi && binStart[b] < target) {
                    b++;
                }
                cut[c] = b;
            }
            IntStream.range(0, chunks).parallel().forEach(c -> fillBins(beta, cut[c], cut[c + 1], lo));
        }

        private void fillBins(double[] beta, int from, int to, int lo) {
            double[] xr = new double[p];
            for (int b = from; b < to; b++) {
                int k = b - lo;
                int o1 = k * p;
                int o2 = k * tri;
                double c0 = 0;
                double d0 = 0;
                double es = 0;
                Arrays.fill(cens1, o1, o1 + p, 0);
                Arrays.fill(cens2, o2, o2 + tri, 0);
                Arrays.fill(dead1, o1, o1 + p, 0);
                Arrays.fill(dead2, o2, o2 + tri, 0);
                Arrays.fill(xs, o1, o1 + p, 0);
                for (int r = binStart[b]; r < binStart[b + 1]; r++) {
                    int off = r * p;
                    double e = 0;
                    for (int j = 0; j < p; j++) {
                        xr[j] = x[off + j];
                        e += xr[j] * beta[j];
                    }
                    double w = Math.exp(e);
                    if (event[r]) {
                        d0 += w;
                        es += e;
                        for (int j = 0, t = o2; j < p; j++) {
                            double wx = w * xr[j];
                            xs[o1 + j] += xr[j];
                            dead1[o1 + j] += wx;
                            for (int c = 0; c <= j; c++, t++) {
                                dead2[t] += wx * xr[c];
                            }
                        }
                    } else {
                        c0 += w;
                        for (int j = 0, t = o2; j < p; j++) {
                            double wx = w * xr[j];
                            cens1[o1 + j] += wx;
                            for (int c = 0; c <= j; c++, t++) {
                                cens2[t] += wx * xr[c];
                            }
                        }
                    }
                }
                cens0[k] = c0;
                dead0[k] = d0;
                etaSum[k] = es;
            }
        }
    }
}
