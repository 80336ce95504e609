package org.seedplan.stats.tests;

/**
 * Normality tests of one sample: Kolmogorov–Smirnov against N(x̄, s²) with R's p (parameters taken
 * as known) and the Lilliefors p (what SPSS reports as "Kolmogorov-Smirnov, Lilliefors Significance
 * Correction"), and Shapiro–Wilk.
 *
 * @param n            sample size
 * @param mean         x̄
 * @param sd           s
 * @param ksD          K-S statistic D
 * @param ksP          R's {@code ks.test(x, "pnorm", mean(x), sd(x))} p (exact if n &lt; 100 and no ties)
 * @param ksExact      whether ksP is exact
 * @param lillieforsP  Lilliefors p by the Dallal–Wilkinson approximation (as {@code nortest::lillie.test}); NaN for n &lt; 5
 * @param shapiroW     Shapiro–Wilk W; NaN outside 3 ≤ n ≤ 5000
 * @param shapiroP     Shapiro–Wilk p (Royston 1995)
 */
public record NormalityResult(int n, double mean, double sd, double ksD, double ksP, boolean ksExact,
                              double lillieforsP, double shapiroW, double shapiroP) {
}
