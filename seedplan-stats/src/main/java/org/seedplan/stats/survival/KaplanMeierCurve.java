package org.seedplan.stats.survival;

/**
 * One Kaplan–Meier curve as R's {@code survfit} table: one entry per distinct time (event or
 * censoring), with Greenwood standard errors and pointwise confidence limits (NaN where R gives NA).
 *
 * @param group     group label (R's stratum name, e.g. {@code rx=1}; {@code all} without groups)
 * @param n         number of subjects
 * @param events    number of events
 * @param time      distinct times, ascending
 * @param nRisk     number at risk just before each time
 * @param nEvent    events at each time
 * @param nCensor   censorings at each time
 * @param surv      S(t)
 * @param seLogSurv Greenwood SE of −log S(t) (R's {@code std.err})
 * @param lower     lower confidence limit
 * @param upper     upper confidence limit
 * @param confType  interval type
 * @param confLevel confidence level (0.95)
 */
public record KaplanMeierCurve(String group, int n, int events, double[] time, int[] nRisk, int[] nEvent,
                               int[] nCensor, double[] surv, double[] seLogSurv, double[] lower, double[] upper,
                               ConfType confType, double confLevel) {

    /** Greenwood SE of S(t) at index {@code i}: S·SE(−log S). */
    public double seSurv(int i) {
        return surv[i] * seLogSurv[i];
    }

    /**
     * The curve at time {@code t} as R's {@code summary(fit, times = t, extend = TRUE)}: the values at
     * the last time ≤ t, the number at risk at t, and the events in (previousTime, t].
     *
     * @param previousTime end of the previous interval (−∞ for the first requested time)
     */
    public SurvivalAt at(double t, double previousTime) {
        int idx = -1;
        int risk = 0;
        int d = 0;
        for (int i = 0; i < time.length; i++) {
            if (time[i] >= t && risk == 0) {
                risk = nRisk[i];
            }
            if (time[i] <= t) {
                idx = i;
                if (time[i] > previousTime) {
                    d += nEvent[i];
                }
            }
        }
        if (idx < 0) {
            return new SurvivalAt(t, n, 0, 1, 0, 1, 1);
        }
        return new SurvivalAt(t, risk, d, surv[idx], seSurv(idx), lower[idx], upper[idx]);
    }

    /** The median survival time with its confidence interval (R's {@code quantile(fit, 0.5)}). */
    public Quantile median() {
        return quantile(0.5);
    }

    /**
     * The time by which a fraction {@code p} has had the event, with confidence limits, by the rule
     * of R's {@code quantile.survfit}: the first time with S(t) ≤ 1 − p; when S(t) equals 1 − p
     * (within 1.5e-8) over an interval, the midpoint of that interval. The limits apply the same rule
     * to the lower and upper confidence curves. NaN = not reached.
     */
    public Quantile quantile(double p) {
        return new Quantile(p, findQuantile(surv, p), findQuantile(lower, p), findQuantile(upper, p));
    }

    private double findQuantile(double[] curve, double p) {
        final double tol = Math.sqrt(Math.ulp(1.0));
        int m = time.length + 1;
        double[] x = new double[m];
        double[] y = new double[m];
        x[0] = 0;
        y[0] = 0;
        double ymax = 0;
        for (int i = 0; i < time.length; i++) {
            x[i + 1] = time[i];
            y[i + 1] = 1 - curve[i];
            if (!Double.isNaN(y[i + 1])) {
                ymax = Math.max(ymax, y[i + 1]);
            }
        }
        if (ymax < p) {
            return Double.NaN;
        }
        double xmax = x[m - 1];
        // drop repeated y values (censorings), keeping the first; NaN repeats count as repeats
        double[] xs = new double[m];
        double[] ys = new double[m];
        int k = 0;
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (int i = 0; i < m; i++) {
            if (seen.add(y[i])) {
                xs[k] = x[i];
                ys[k] = y[i];
                k++;
            }
        }
        int i1 = firstAtLeast(ys, k, p, tol);
        int i2 = firstAtLeast(ys, k, p, -tol);
        if (i1 < 0 || i2 < 0) {
            return Double.NaN;
        }
        double q = (xs[i1] + xs[i2]) / 2;
        if (!Double.isNaN(ys[k - 1]) && Math.abs(p - ys[k - 1]) < tol) {
            q = (xs[i1] + xmax) / 2;
        }
        return q;
    }

    /** R's approx(y + shift, index, p, "constant", f = 1) over the non-NA points: the first index with y + shift ≥ p. */
    private static int firstAtLeast(double[] y, int k, double p, double shift) {
        int last = -1;
        for (int i = 0; i < k; i++) {
            if (!Double.isNaN(y[i])) {
                last = i;
            }
        }
        if (last < 0 || y[last] + shift < p) {
            return -1;
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isNaN(y[i]) && y[i] + shift >= p) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A survival quantile with its confidence interval; NaN = not reached.
     *
     * @param p     fraction with the event (0.5 = median)
     * @param time  the quantile
     * @param lower lower confidence limit
     * @param upper upper confidence limit
     */
    public record Quantile(double p, double time, double lower, double upper) {
    }

    /**
     * The curve at one time point (1-, 2-, 3-year rates).
     *
     * @param time            the requested time
     * @param nRisk           number at risk at that time
     * @param nEventInterval  events since the previous requested time
     * @param surv            S(t)
     * @param seSurv          Greenwood SE of S(t)
     * @param lower           lower confidence limit
     * @param upper           upper confidence limit
     */
    public record SurvivalAt(double time, int nRisk, int nEventInterval, double surv, double seSurv, double lower,
                             double upper) {
    }
}
