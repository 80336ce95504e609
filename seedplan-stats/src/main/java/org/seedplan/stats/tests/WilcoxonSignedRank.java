package org.seedplan.stats.tests;

import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The Wilcoxon signed-rank test for paired samples, as R's {@code wilcox.test(x, y, paired = TRUE)}
 * and SPSS: zero differences are dropped (Wilcoxon 1945), |d| ranked with average ranks; exact p
 * when there are no ties and no zeros and n &lt; 50 (R's rule), otherwise the normal approximation
 * with the tie-corrected variance n(n+1)(2n+1)/24 − Σ(t³−t)/48 and an optional continuity
 * correction. The p value comes from Apache Commons Statistics after the zeros are removed (Commons
 * itself would rank zeros, Pratt's variant, which differs from R and SPSS).
 */
public final class WilcoxonSignedRank {

    private WilcoxonSignedRank() {
    }

    /** R's default: exact when allowed, continuity correction on. */
    public static SignedRankResult test(double[] x, double[] y) {
        return test(x, y, null, true);
    }

    /**
     * @param exact   TRUE/FALSE to force, null for R's automatic choice
     * @param correct continuity correction for the normal approximation
     */
    public static SignedRankResult test(double[] x, double[] y, Boolean exact, boolean correct) {
        Checks.paired(x, y, 1);
        int zeros = 0;
        double[] d = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double di = x[i] - y[i];
            if (di == 0) {
                zeros++;
            } else {
                d[n++] = di;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("all " + x.length
                    + " paired differences are zero; fix: the signed-rank test needs at least one non-zero difference");
        }
        d = java.util.Arrays.copyOf(d, n);
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(d[i]);
        }
        Ranks r = Ranks.of(abs);
        double v = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                v += r.ranks()[i];
            }
        }
        boolean useExact = (exact == null ? n < 50 : exact) && !r.hasTies() && zeros == 0;
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.withDefaults()
                .with(useExact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
                .with(correct ? ContinuityCorrection.ENABLED : ContinuityCorrection.DISABLED);
        double p = t.test(d).getPValue();
        double z = Double.NaN;
        String method = "Wilcoxon signed rank exact test";
        if (!useExact) {
            double sigma = Math.sqrt(n * (n + 1.0) * (2 * n + 1) / 24 - r.tieTerm() / 48);
            double c = v - n * (n + 1.0) / 4;
            z = (c - (correct ? Math.signum(c) * 0.5 : 0)) / sigma;
            method = correct ? "Wilcoxon signed rank test with continuity correction" : "Wilcoxon signed rank test";
        }
        return new SignedRankResult(method, v, p, n, useExact, z);
    }
}
