package org.seedplan.stats.descriptive;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Sample quantile definitions (Hyndman &amp; Fan 1996). Papers analysed with SPSS report type 6;
 * R, Excel and most software default to type 7. Say which one a table uses.
 */
public enum QuantileType {
    /** Type 6, h = (n + 1)p clamped to [1, n]: SPSS's default (and Minitab's). */
    TYPE6_SPSS(Quantile.EstimationMethod.HF6),
    /** Type 7, h = (n − 1)p + 1: R's and Excel's default. */
    TYPE7_R(Quantile.EstimationMethod.HF7);

    private final Quantile.EstimationMethod method;

    QuantileType(Quantile.EstimationMethod method) {
        this.method = method;
    }

    /** The quantiles of {@code x} at probabilities {@code p} (linear interpolation between order statistics). */
    public double[] of(double[] x, double... p) {
        if (x.length == 0) {
            throw new IllegalArgumentException("quantiles of an empty sample; fix: check for missing values");
        }
        return Quantile.withDefaults().with(method).evaluate(x, p);
    }
}
