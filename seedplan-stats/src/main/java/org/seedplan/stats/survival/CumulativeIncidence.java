package org.seedplan.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Cumulative incidence of an event in the presence of a competing event, by the Aalen–Johansen estimator
 * (Kalbfleisch &amp; Prentice 2002, §8.2.2; R's {@code survfit(Surv(time, factor(status)) ~ 1)} {@code pstate}):
 * CIF_k(t) = Σ over event times t_j ≤ t of S(t_j−)·d_kj / n_j, with S the all-cause Kaplan–Meier estimate.
 * Unlike 1 − KM with competing events censored, it does not count patients who can no longer have the event.
 *
 * <p>Standard errors as R's survival (≥ 3.0) reports them for a multi-state curve: the infinitesimal jackknife,
 * SE(t)² = Σᵢ (∂CIF(t)/∂wᵢ)², the derivative of the estimate with respect to each row's case weight (Therneau,
 * "Multi-state models and competing risks", survival vignette §2.3). The 95 % interval is R's default for
 * {@code survfit} ({@code conf.type = "log"}): CIF·exp(∓ z·SE/CIF), the upper limit capped at 1.
 */
public final class CumulativeIncidence {

    private final double[] times;
    private final double[][] cif; // [cause 1, 2][time index]
    private final double[][] se;  // [cause 1, 2][time index]

    private CumulativeIncidence(double[] times, double[][] cif, double[][] se) {
        this.times = times;
        this.cif = cif;
        this.se = se;
    }

    /** One cause's estimate at a time: the cumulative incidence, its standard error and log-scale 95 % limits. */
    public record Estimate(double cif, double stdErr, double lower, double upper) {
    }

    /**
     * Fits the estimator.
     *
     * @param time   follow-up times (≥ 0)
     * @param status 0 = censored, 1 = the event, 2 = the competing event
     */
    public static CumulativeIncidence fit(double[] time, int[] status) {
        if (time.length != status.length || time.length == 0) {
            throw new IllegalArgumentException("cumulative incidence: give one status per time and at least one row");
        }
        int n = time.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (status[i] < 0 || status[i] > 2) {
                throw new IllegalArgumentException("cumulative incidence: status " + status[i] + " of row " + (i + 1)
                        + "; fix: use 0 = censored, 1 = event, 2 = competing event");
            }
            if (!(time[i] >= 0)) {
                throw new IllegalArgumentException("cumulative incidence: time " + time[i] + " of row " + (i + 1)
                        + "; fix: times must be numbers ≥ 0");
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        // influence of each row (in sorted order) on the probability of state 0 (event-free), 1 and 2
        double[] u0 = new double[n];
        double[] u1 = new double[n];
        double[] u2 = new double[n];
        List<Double> ts = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        double surv = 1;
        double c1 = 0;
        double c2 = 0;
        int i = 0;
        while (i < n) {
            int first = i;
            double t = time[order[i]];
            int d1 = 0;
            int d2 = 0;
            while (i < n && time[order[i]] == t) {
                int s = status[order[i]];
                d1 += s == 1 ? 1 : 0;
                d2 += s == 2 ? 1 : 0;
                i++;
            }
            if (d1 + d2 == 0) {
                continue;
            }
            int atRisk = n - first;
            double a1 = (double) d1 / atRisk;
            double a2 = (double) d2 / atRisk;
            // rows before `first` left the risk set; rows from `first` on are at risk, those at t with a status jump
            for (int r = 0; r < n; r++) {
                double da1 = 0;
                double da2 = 0;
                if (r >= first) {
                    int s = r < i ? status[order[r]] : 0;
                    da1 = ((s == 1 ? 1 : 0) - a1) / atRisk;
                    da2 = ((s == 2 ? 1 : 0) - a2) / atRisk;
                }
                u1[r] += u0[r] * a1 + surv * da1;
                u2[r] += u0[r] * a2 + surv * da2;
                u0[r] = u0[r] * (1 - a1 - a2) - surv * (da1 + da2);
            }
            c1 += surv * a1;
            c2 += surv * a2;
            surv *= 1 - a1 - a2;
            ts.add(t);
            values.add(new double[] {c1, c2, Math.sqrt(sumSquares(u1)), Math.sqrt(sumSquares(u2))});
        }
        int m = ts.size();
        double[] tt = new double[m];
        double[][] cif = new double[2][m];
        double[][] se = new double[2][m];
        for (int k = 0; k < m; k++) {
            tt[k] = ts.get(k);
            double[] v = values.get(k);
            cif[0][k] = v[0];
            cif[1][k] = v[1];
            se[0][k] = v[2];
            se[1][k] = v[3];
        }
        return new CumulativeIncidence(tt, cif, se);
    }

    private static double sumSquares(double[] u) {
        double s = 0;
        for (double v : u) {
            s += v * v;
        }
        return s;
    }

    /** The cumulative incidence of {@code cause} (1 = the event, 2 = the competing event) at time {@code t}. */
    public double at(int cause, double t) {
        return estimate(cause, t).cif();
    }

    /**
     * The estimate of {@code cause} (1 or 2) at time {@code t} (the last event time ≤ t) with its infinitesimal-jackknife
     * standard error and 95 % log-scale interval (R {@code summary(survfit(...), times = t)}): before the first event of
     * either cause all are 0 (as R's {@code extend = TRUE}); a cause still at 0 after that has no interval (NaN limits, R's NA).
     */
    public Estimate estimate(int cause, double t) {
        if (cause != 1 && cause != 2) {
            throw new IllegalArgumentException("cumulative incidence: cause " + cause + "; fix: use 1 (the event) or 2 (the competing event)");
        }
        int k = -1;
        while (k + 1 < times.length && times[k + 1] <= t) {
            k++;
        }
        if (k < 0) {
            return new Estimate(0, 0, 0, 0);
        }
        double p = cif[cause - 1][k];
        double s = se[cause - 1][k];
        if (p == 0) {
            return new Estimate(0, s, Double.NaN, Double.NaN);
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        return new Estimate(p, s, p * Math.exp(-z * s / p), Math.min(1, p * Math.exp(z * s / p)));
    }

    /** The distinct times with an event of either cause, increasing. */
    public double[] times() {
        return times.clone();
    }
}
