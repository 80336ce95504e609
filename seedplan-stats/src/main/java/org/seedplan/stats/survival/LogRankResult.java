package org.seedplan.stats.survival;

import java.util.List;

/**
 * Result of a log-rank test, field names as R's {@code survdiff}.
 *
 * @param chisq  χ² statistic
 * @param df     degrees of freedom
 * @param p      upper-tail p value (NaN when df = 0: only one group had events at risk)
 * @param groups observed and expected events per group
 * @param var    variance matrix of O − E
 */
public record LogRankResult(double chisq, int df, double p, List<Group> groups, double[][] var) {

    /**
     * One group.
     *
     * @param group    label, e.g. {@code rx=1}
     * @param n        subjects
     * @param observed observed events
     * @param expected expected events under equal hazards
     */
    public record Group(String group, int n, double observed, double expected) {
    }
}
