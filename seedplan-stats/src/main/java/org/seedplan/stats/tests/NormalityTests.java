package org.seedplan.stats.tests;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Normality checks used to choose between parametric and rank tests: the Kolmogorov–Smirnov D
 * against the normal with the sample mean and SD, its p as R's {@code ks.test} (Apache Commons
 * Statistics; exact by Marsaglia–Tsang–Wang when n &lt; 100 and no ties) and as Lilliefors
 * (Dallal &amp; Wilkinson 1986 approximation, with Stephens' modified statistic for p &gt; 0.1, as
 * {@code nortest::lillie.test}), and Shapiro–Wilk W with Royston's (1995, algorithm AS R94) p, as
 * R's {@code shapiro.test}.
 */
public final class NormalityTests {

    private NormalityTests() {
    }

    /** All three tests on the sample. */
    public static NormalityResult test(double[] x) {
        Checks.atLeast(x, 3, "sample");
        int n = x.length;
        double mean = Checks.mean(x);
        double sd = Math.sqrt(Checks.variance(x, mean));
        if (!(sd > 0)) {
            throw new IllegalArgumentException("all " + n + " values are equal; fix: normality cannot be tested on a constant sample");
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        boolean ties = false;
        for (int i = 1; i < n; i++) {
            ties |= sorted[i] == sorted[i - 1];
        }
        NormalDistribution normal = NormalDistribution.of(mean, sd);
        boolean exact = n < 100 && !ties;
        var ks = KolmogorovSmirnovTest.withDefaults().with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC)
                .test(x, normal::cumulativeProbability);
        double d = lillieforsD(sorted, mean, sd);
        double lp = n >= 5 ? lillieforsP(d, n) : Double.NaN;
        double[] sw = ShapiroWilk.test(sorted);
        return new NormalityResult(n, mean, sd, ks.getStatistic(), ks.getPValue(), exact, lp, sw[0], sw[1]);
    }

    private static double lillieforsD(double[] sorted, double mean, double sd) {
        int n = sorted.length;
        NormalDistribution z = NormalDistribution.of(0, 1);
        double dplus = Double.NEGATIVE_INFINITY;
        double dminus = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double p = z.cumulativeProbability((sorted[i] - mean) / sd);
            dplus = Math.max(dplus, (i + 1.0) / n - p);
            dminus = Math.max(dminus, p - (double) i / n);
        }
        return Math.max(dplus, dminus);
    }

    /** Lilliefors p for statistic {@code k} and sample size {@code n} ≥ 5 (Dallal–Wilkinson; Stephens for p &gt; 0.1). */
    static double lillieforsP(double k, int n) {
        double kd = k;
        double nd = n;
        if (n > 100) {
            kd = k * Math.pow(n / 100.0, 0.49);
            nd = 100;
        }
        double p = Math.exp(-7.01256 * kd * kd * (nd + 2.78019) + 2.99587 * kd * Math.sqrt(nd + 2.78019) - 0.122119
                + 0.974598 / Math.sqrt(nd) + 1.67997 / nd);
        if (p > 0.1) {
            double kk = (Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n)) * k;
            if (kk <= 0.302) {
                p = 1;
            } else if (kk <= 0.5) {
                p = 2.76773 - 19.828315 * kk + 80.709644 * kk * kk - 138.55152 * kk * kk * kk + 81.218052 * Math.pow(kk, 4);
            } else if (kk <= 0.9) {
                p = -4.901232 + 40.662806 * kk - 97.490286 * kk * kk + 94.029866 * kk * kk * kk - 32.355711 * Math.pow(kk, 4);
            } else if (kk <= 1.31) {
                p = 6.198765 - 19.855371 * kk + 18.945164 * kk * kk - 8.264639 * kk * kk * kk + 1.258435 * Math.pow(kk, 4);
            } else {
                p = 0;
            }
        }
        return p;
    }
}
