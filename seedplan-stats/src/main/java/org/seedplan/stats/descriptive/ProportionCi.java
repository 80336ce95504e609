package org.seedplan.stats.descriptive;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Confidence intervals for a proportion k/n (response rates ORR, DCR): Clopper–Pearson exact
 * (Clopper &amp; Pearson 1934, beta quantiles; R's {@code binom.test}) and Wilson score without
 * continuity correction (Wilson 1927; R's {@code prop.test(correct = FALSE)}).
 */
public final class ProportionCi {

    private ProportionCi() {
    }

    /**
     * An interval.
     *
     * @param estimate k / n
     * @param lower    lower limit
     * @param upper    upper limit
     */
    public record Interval(double estimate, double lower, double upper) {
    }

    /** Clopper–Pearson exact interval. */
    public static Interval clopperPearson(int k, int n, double level) {
        check(k, n);
        double a = (1 - level) / 2;
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(a);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k).inverseCumulativeProbability(1 - a);
        return new Interval((double) k / n, lo, hi);
    }

    /** Wilson score interval. */
    public static Interval wilson(int k, int n, double level) {
        check(k, n);
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = (double) k / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    private static void check(int k, int n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("proportion " + k + "/" + n + " is invalid; fix: need 0 <= k <= n and n > 0");
        }
    }
}
