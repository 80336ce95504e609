package org.seedplan.stats.tests;

/**
 * Pearson's χ² test of a contingency table as R's {@code chisq.test}.
 *
 * @param method      R's method name
 * @param chisq       statistic
 * @param df          (r − 1)(c − 1)
 * @param p           upper-tail p value
 * @param expected    expected counts under independence
 * @param minExpected smallest expected count (the "&lt; 5" rule for choosing Fisher)
 */
public record ChiSquareResult(String method, double chisq, int df, double p, double[][] expected,
                              double minExpected) {
}
