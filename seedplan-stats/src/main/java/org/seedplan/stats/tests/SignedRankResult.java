package org.seedplan.stats.tests;

/**
 * A Wilcoxon signed-rank test as R's {@code wilcox.test(paired = TRUE)} reports it.
 *
 * @param method       R's method name
 * @param v            V = sum of the ranks of positive differences
 * @param p            two-sided p value
 * @param nNonzero     number of non-zero differences (the n of the test)
 * @param exact        whether p is exact
 * @param zNormal      normal-approximation z (with the chosen continuity correction), NaN for the exact test;
 *                     SPSS's Z is the value without continuity correction
 */
public record SignedRankResult(String method, double v, double p, int nNonzero, boolean exact, double zNormal) {
}
