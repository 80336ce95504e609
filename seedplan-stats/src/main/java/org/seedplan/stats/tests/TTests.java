package org.seedplan.stats.tests;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * Student's and Welch's t tests (paired, pooled, Welch–Satterthwaite), two-sided with 95 % confidence
 * intervals, as R's {@code t.test}; statistic and p from Apache Commons Statistics {@link TTest}.
 */
public final class TTests {

    private TTests() {
    }

    /** Paired t test of x − y. */
    public static TTestResult paired(double[] x, double[] y) {
        Checks.paired(x, y, 2);
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        double mean = Checks.mean(d);
        double se = Math.sqrt(Checks.variance(d, mean) / d.length);
        var r = TTest.withDefaults().pairedTest(x, y);
        double df = d.length - 1;
        double q = TDistribution.of(df).inverseCumulativeProbability(0.975);
        return new TTestResult("Paired t-test", r.getStatistic(), df, r.getPValue(), new double[] {mean},
                mean - q * se, mean + q * se, se);
    }

    /** Two-sample t test with pooled variance (R {@code var.equal = TRUE}). */
    public static TTestResult student(double[] x, double[] y) {
        return twoSample(x, y, true);
    }

    /** Welch's two-sample t test (R's default). */
    public static TTestResult welch(double[] x, double[] y) {
        return twoSample(x, y, false);
    }

    private static TTestResult twoSample(double[] x, double[] y, boolean pooled) {
        Checks.atLeast(x, 2, "first group");
        Checks.atLeast(y, 2, "second group");
        double mx = Checks.mean(x);
        double my = Checks.mean(y);
        double vx = Checks.variance(x, mx);
        double vy = Checks.variance(y, my);
        int nx = x.length;
        int ny = y.length;
        double se;
        double df;
        if (pooled) {
            df = nx + ny - 2.0;
            double v = ((nx - 1) * vx + (ny - 1) * vy) / df;
            se = Math.sqrt(v * (1.0 / nx + 1.0 / ny));
        } else {
            double sx = vx / nx;
            double sy = vy / ny;
            se = Math.sqrt(sx + sy);
            df = (sx + sy) * (sx + sy) / (sx * sx / (nx - 1) + sy * sy / (ny - 1));
        }
        var r = TTest.withDefaults().with(pooled ? DataDispersion.HOMOSCEDASTIC : DataDispersion.HETEROSCEDASTIC)
                .test(x, y);
        double q = TDistribution.of(df).inverseCumulativeProbability(0.975);
        double diff = mx - my;
        return new TTestResult(pooled ? " Two Sample t-test" : "Welch Two Sample t-test", r.getStatistic(),
                r.getDegreesOfFreedom(), r.getPValue(), new double[] {mx, my}, diff - q * se, diff + q * se, se);
    }
}
