package org.seedplan.stats.tests;

/**
 * Fisher's exact test as R's {@code fisher.test}; the odds ratio and its interval only for 2 × 2
 * tables (NaN otherwise).
 *
 * @param p         two-sided p value
 * @param oddsRatio conditional maximum-likelihood odds ratio
 * @param ciLower   lower 95 % limit (conditional, exact)
 * @param ciUpper   upper 95 % limit
 */
public record FisherResult(double p, double oddsRatio, double ciLower, double ciUpper) {
}
