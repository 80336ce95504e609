package org.seedplan.outcomes.report;

import org.seedplan.stats.tests.NormalityResult;
import org.seedplan.stats.tests.NormalityTests;
import org.seedplan.stats.tests.SignedRankResult;
import org.seedplan.stats.tests.TTestResult;
import org.seedplan.stats.tests.TTests;
import org.seedplan.stats.tests.WilcoxonSignedRank;

/**
 * A paired comparison as the verification and QoL tables of the papers do it: the paired differences are
 * checked for normality by Shapiro–Wilk (p ≥ 0.05 = normal); normal → paired t test, otherwise the
 * Wilcoxon signed-rank test (R's defaults: exact for small n without ties, else normal approximation with
 * continuity correction, zero differences dropped). Both tests come from seedplan-stats.
 *
 * @param n         complete pairs
 * @param shapiroP  Shapiro–Wilk p of the differences (NaN when it cannot be computed)
 * @param test      "paired t" or "Wilcoxon signed-rank" or "—" (fewer than 3 pairs or all differences equal)
 * @param p         two-sided p value (NaN when no test)
 */
record PairedComparison(int n, double shapiroP, String test, double p) {

    /** Alpha of the normality check. */
    static final double NORMALITY_ALPHA = 0.05;

    static PairedComparison of(double[] before, double[] after) {
        int n = before.length;
        if (n < 3) {
            return new PairedComparison(n, Double.NaN, "—", Double.NaN);
        }
        double[] d = new double[n];
        boolean varies = false;
        for (int i = 0; i < n; i++) {
            d[i] = after[i] - before[i];
            varies |= d[i] != d[0];
        }
        if (!varies) {
            return new PairedComparison(n, Double.NaN, "—", Double.NaN);
        }
        NormalityResult norm = NormalityTests.test(d);
        if (norm.shapiroP() >= NORMALITY_ALPHA) {
            TTestResult t = TTests.paired(after, before);
            return new PairedComparison(n, norm.shapiroP(), "paired t", t.p());
        }
        SignedRankResult w = WilcoxonSignedRank.test(after, before);
        return new PairedComparison(n, norm.shapiroP(), "Wilcoxon signed-rank", w.p());
    }
}
