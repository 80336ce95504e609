package org.seedplan.stats.tests;

import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Kruskal–Wallis rank test (Kruskal &amp; Wallis 1952) as R's {@code kruskal.test}:
 * H = [12/(N(N+1)) Σ Rᵢ²/nᵢ − 3(N+1)] / [1 − Σ(t³−t)/(N³−N)], χ² with k − 1 degrees of freedom.
 */
public final class KruskalWallis {

    private KruskalWallis() {
    }

    /** Tests the groups (each an array of values; empty groups are ignored). */
    public static GroupTestResult test(List<double[]> groups) {
        List<double[]> used = groups.stream().filter(g -> g.length > 0).toList();
        if (used.size() < 2) {
            throw new IllegalArgumentException("Kruskal-Wallis needs at least 2 non-empty groups, got " + used.size()
                    + "; fix: check the group column");
        }
        int n = used.stream().mapToInt(g -> g.length).sum();
        double[] all = new double[n];
        int k = 0;
        for (double[] g : used) {
            Checks.atLeast(g, 1, "group");
            System.arraycopy(g, 0, all, k, g.length);
            k += g.length;
        }
        Ranks r = Ranks.of(all);
        double sum = 0;
        k = 0;
        for (double[] g : used) {
            double rs = 0;
            for (int i = 0; i < g.length; i++) {
                rs += r.ranks()[k++];
            }
            sum += rs * rs / g.length;
        }
        double nn = n;
        double h = (12 / (nn * (nn + 1)) * sum - 3 * (nn + 1)) / (1 - r.tieTerm() / (nn * nn * nn - nn));
        int df = used.size() - 1;
        return new GroupTestResult("Kruskal-Wallis rank sum test", h, df, Double.NaN,
                ChiSquaredDistribution.of(df).survivalProbability(h), n);
    }
}
