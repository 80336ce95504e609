package org.seedplan.outcomes.report;

import java.util.Collection;
import java.util.Objects;
import org.seedplan.stats.descriptive.Descriptives;
import org.seedplan.stats.descriptive.QuantileType;

/**
 * Descriptive summary of a numeric variable (missing values removed) for the report tables, from
 * seedplan-stats: n, mean, SD (n − 1 denominator), median and quartiles by SPSS's definition
 * (Hyndman–Fan type 6), as the papers' SPSS output prints them.
 *
 * @param n      values present
 * @param mean   arithmetic mean
 * @param sd     sample standard deviation
 * @param median median
 * @param p25    first quartile (type 6)
 * @param p75    third quartile (type 6)
 */
record Describe(int n, double mean, double sd, double median, double p25, double p75) {

    /** The summary of the non-null, non-NaN values. */
    static Describe of(Collection<? extends Number> values) {
        return of(values.stream().filter(Objects::nonNull).mapToDouble(Number::doubleValue).toArray());
    }

    /** The summary of the non-NaN values. */
    static Describe of(double[] values) {
        Descriptives.MeanSd m = Descriptives.meanSd(values);
        Descriptives.MedianIqr q = Descriptives.medianIqr(values, QuantileType.TYPE6_SPSS);
        return new Describe(m.n(), m.mean(), m.sd(), q.median(), q.p25(), q.p75());
    }

    /** "mean ± SD". */
    String meanSd(int decimals) {
        return Format.meanSd(mean, sd, decimals);
    }

    /** "median (P25, P75)". */
    String medianIqr(int decimals) {
        return Format.medianIqr(median, p25, p75, decimals);
    }
}
