package org.seedplan.stats.tests;

/**
 * A t test as R's {@code t.test} reports it.
 *
 * @param method   R's method name ({@code Paired t-test}, {@code  Two Sample t-test}, {@code Welch Two Sample t-test})
 * @param t        statistic
 * @param df       degrees of freedom
 * @param p        two-sided p value
 * @param estimate mean difference (paired) or the two group means
 * @param ciLower  lower 95 % limit of the (mean) difference
 * @param ciUpper  upper 95 % limit
 * @param stderr   standard error of the difference
 */
public record TTestResult(String method, double t, double df, double p, double[] estimate, double ciLower,
                          double ciUpper, double stderr) {
}
