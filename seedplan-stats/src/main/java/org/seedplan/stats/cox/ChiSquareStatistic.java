package org.seedplan.stats.cox;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * A χ² test result (likelihood-ratio, Wald or score test of a Cox model, a proportional-hazards test).
 *
 * @param chisq statistic
 * @param df    degrees of freedom
 * @param p     upper-tail p value
 */
public record ChiSquareStatistic(double chisq, int df, double p) {

    /** The statistic with its upper-tail p value. */
    public static ChiSquareStatistic of(double chisq, int df) {
        return new ChiSquareStatistic(chisq, df, ChiSquaredDistribution.of(df).survivalProbability(chisq));
    }
}
