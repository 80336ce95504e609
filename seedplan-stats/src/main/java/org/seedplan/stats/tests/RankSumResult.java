package org.seedplan.stats.tests;

/**
 * A Mann–Whitney (Wilcoxon rank-sum) test as R's {@code wilcox.test(x, y)} reports it.
 *
 * @param method  R's method name
 * @param w       W = rank sum of x − nₓ(nₓ+1)/2 (= Mann–Whitney U of x)
 * @param uOther  nₓ·n_y − W
 * @param uMin    min(W, uOther) (the U SPSS prints)
 * @param p       two-sided p value
 * @param nX      size of x
 * @param nY      size of y
 * @param exact   whether p is exact
 * @param zNormal normal-approximation z with the chosen continuity correction, NaN when exact
 */
public record RankSumResult(String method, double w, double uOther, double uMin, double p, int nX, int nY,
                            boolean exact, double zNormal) {
}
