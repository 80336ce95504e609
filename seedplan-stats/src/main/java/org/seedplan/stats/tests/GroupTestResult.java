package org.seedplan.stats.tests;

/**
 * A test comparing k groups with a χ² or F reference distribution (Kruskal–Wallis, one-way ANOVA).
 *
 * @param method    test name
 * @param statistic H (Kruskal–Wallis) or F (ANOVA)
 * @param df        degrees of freedom (between groups)
 * @param df2       denominator degrees of freedom (ANOVA within groups; NaN for Kruskal–Wallis)
 * @param p         upper-tail p value
 * @param n         number of values
 */
public record GroupTestResult(String method, double statistic, double df, double df2, double p, int n) {
}
