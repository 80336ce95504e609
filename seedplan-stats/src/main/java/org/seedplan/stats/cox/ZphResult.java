package org.seedplan.stats.cox;

import java.util.List;

/**
 * The proportional-hazards check of a Cox model as R's {@code cox.zph}.
 *
 * @param terms  score test per covariate (a categorical covariate is one test with df = its columns)
 * @param global the joint test of all covariates
 * @param termNames names of the columns of {@code scaled}
 * @param transform the time transform ({@code km})
 * @param x      transformed event times, one per event (sorted by stratum, time)
 * @param time   event times
 * @param scaled scaled Schoenfeld residuals plus β̂ (per event, per term; NaN where R gives NA): plot
 *               them against {@code x} to see β(t)
 */
public record ZphResult(List<ZphTerm> terms, ZphTerm global, List<String> termNames, String transform, double[] x,
                        double[] time, double[][] scaled) {

    /**
     * One test.
     *
     * @param term  covariate, or {@code GLOBAL}
     * @param chisq score statistic
     * @param df    degrees of freedom
     * @param p     upper-tail p value
     */
    public record ZphTerm(String term, double chisq, int df, double p) {
    }
}
