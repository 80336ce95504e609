package org.seedplan.stats.tests;

import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test, as R's {@code wilcox.test(x, y)}: exact p when both
 * samples have fewer than 50 values and there are no ties, otherwise the normal approximation with
 * the tie-corrected variance (nₓn_y/12)·(N + 1 − Σ(t³−t)/(N(N−1))) and optional continuity
 * correction; p from Apache Commons Statistics (which matches R).
 */
public final class MannWhitney {

    private MannWhitney() {
    }

    /** R's default: exact when allowed, continuity correction on. */
    public static RankSumResult test(double[] x, double[] y) {
        return test(x, y, null, true);
    }

    /**
     * @param exact   TRUE/FALSE to force, null for R's automatic choice
     * @param correct continuity correction for the normal approximation
     */
    public static RankSumResult test(double[] x, double[] y, Boolean exact, boolean correct) {
        Checks.atLeast(x, 1, "first group");
        Checks.atLeast(y, 1, "second group");
        int nx = x.length;
        int ny = y.length;
        double[] all = new double[nx + ny];
        System.arraycopy(x, 0, all, 0, nx);
        System.arraycopy(y, 0, all, nx, ny);
        Ranks r = Ranks.of(all);
        double rx = 0;
        for (int i = 0; i < nx; i++) {
            rx += r.ranks()[i];
        }
        double w = rx - nx * (nx + 1.0) / 2;
        boolean useExact = (exact == null ? nx < 50 && ny < 50 : exact) && !r.hasTies();
        double p = MannWhitneyUTest.withDefaults().with(useExact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
                .with(correct ? ContinuityCorrection.ENABLED : ContinuityCorrection.DISABLED).test(x, y).getPValue();
        double z = Double.NaN;
        String method = "Wilcoxon rank sum exact test";
        if (!useExact) {
            double nn = nx + ny;
            double sigma = Math.sqrt(nx * (double) ny / 12 * (nn + 1 - r.tieTerm() / (nn * (nn - 1))));
            double c = w - nx * (double) ny / 2;
            z = (c - (correct ? Math.signum(c) * 0.5 : 0)) / sigma;
            method = correct ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test";
        }
        double other = nx * (double) ny - w;
        return new RankSumResult(method, w, other, Math.min(w, other), p, nx, ny, useExact, z);
    }
}
