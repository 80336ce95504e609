package org.seedplan.stats.survival;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.seedplan.stats.data.Factor;

/**
 * The log-rank test (Mantel 1966; Peto &amp; Peto 1972), as R's {@code survdiff(rho = 0)}: observed
 * and expected events per group summed over distinct event times, the hypergeometric variance
 * matrix, χ² = (O−E)ᵀV⁻(O−E) on (groups with E &gt; 0) − 1 degrees of freedom, the first such group
 * dropped for the inverse. Stratified: O, E and V are summed over strata, risk sets built within a
 * stratum.
 */
public final class LogRank {

    private LogRank() {
    }

    /** Tests the frame's groups, stratified by its strata when present. */
    public static LogRankResult test(SurvivalFrame frame) {
        if (frame.group() == null) {
            throw new IllegalArgumentException("the log-rank test needs a group column; fix: name one (--group)");
        }
        return test(frame.time(), frame.event(), frame.group(), frame.strata());
    }

    /**
     * Tests the groups.
     *
     * @param strata strata, or null
     */
    public static LogRankResult test(double[] time, boolean[] event, Factor group, Factor strata) {
        int n = time.length;
        int k = group.levelCount();
        int[] g = group.codes();
        TimeBins bins = TimeBins.of(time, strata == null ? null : strata.codes(),
                strata == null ? 1 : strata.levelCount());
        int m = bins.size();
        // per bin and group: rows (at this time) and events
        int[] rows = new int[m * k];
        int[] dead = new int[m * k];
        int[] bin = bins.binOfRow();
        for (int i = 0; i < n; i++) {
            int idx = bin[i] * k + g[i];
            rows[idx]++;
            if (event[i]) {
                dead[idx]++;
            }
        }
        double[] obs = new double[k];
        double[] exp = new double[k];
        double[][] var = new double[k][k];
        double[] atRisk = new double[k];
        for (int s = 0; s < bins.strata(); s++) {
            java.util.Arrays.fill(atRisk, 0);
            for (int b = bins.stratumStart()[s + 1] - 1; b >= bins.stratumStart()[s]; b--) {
                double nTot = 0;
                double dTot = 0;
                for (int j = 0; j < k; j++) {
                    atRisk[j] += rows[b * k + j];
                    nTot += atRisk[j];
                    dTot += dead[b * k + j];
                    obs[j] += dead[b * k + j];
                }
                if (dTot == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    exp[j] += dTot * atRisk[j] / nTot;
                }
                if (nTot > 1) {
                    double f = dTot * (nTot - dTot) / (nTot - 1);
                    for (int a = 0; a < k; a++) {
                        double pa = atRisk[a] / nTot;
                        for (int c = 0; c < k; c++) {
                            var[a][c] += f * pa * ((a == c ? 1 : 0) - atRisk[c] / nTot);
                        }
                    }
                }
            }
        }
        List<Integer> used = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (exp[j] > 0) {
                used.add(j);
            }
        }
        int df = used.size() - 1;
        double chisq = 0;
        if (df > 0) {
            double[][] v = new double[df][df];
            double[] oe = new double[df];
            for (int a = 0; a < df; a++) {
                oe[a] = obs[used.get(a + 1)] - exp[used.get(a + 1)];
                for (int c = 0; c < df; c++) {
                    v[a][c] = var[used.get(a + 1)][used.get(c + 1)];
                }
            }
            double[] sol = org.seedplan.stats.linalg.Matrices.solveSymmetric(v, oe, "log-rank variance matrix");
            for (int a = 0; a < df; a++) {
                chisq += sol[a] * oe[a];
            }
        }
        double p = df > 0 ? ChiSquaredDistribution.of(df).survivalProbability(chisq) : Double.NaN;
        int[] sizes = group.counts();
        List<LogRankResult.Group> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            out.add(new LogRankResult.Group(group.label(j), sizes[j], obs[j], exp[j]));
        }
        return new LogRankResult(chisq, df, p, out, var);
    }
}
