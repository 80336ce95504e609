package org.seedplan.stats.survival;

/**
 * Cumulative incidence of an event in the presence of a competing event, by the Aalen–Johansen estimator
 * (Kalbfleisch &amp; Prentice 2002, §8.2.2; R's {@code survfit(Surv(time, factor(status)) ~ 1)} {@code pstate}):
 * CIF_k(t) = Σ over event times t_j ≤ t of S(t_j−)·d_kj / n_j, with S the all-cause Kaplan–Meier estimate.
 * Unlike 1 − KM with competing events censored, it does not count patients who can no longer have the event.
 */
public final class CumulativeIncidence {

    private final double[] times;
    private final double[][] cif; // [cause 1, 2][time index]

    private CumulativeIncidence(double[] times, double[][] cif) {
        this.times = times;
        this.cif = cif;
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
        Integer[] order = new Integer[time.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (status[i] < 0 || status[i] > 2) {
                throw new IllegalArgumentException("cumulative incidence: status " + status[i] + " of row " + (i + 1)
                        + "; fix: use 0 = censored, 1 = event, 2 = competing event");
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
        java.util.List<Double> ts = new java.util.ArrayList<>();
        java.util.List<double[]> values = new java.util.ArrayList<>();
        double surv = 1;
        double c1 = 0;
        double c2 = 0;
        int atRisk = time.length;
        int i = 0;
        while (i < order.length) {
            double t = time[order[i]];
            int d1 = 0;
            int d2 = 0;
            int leaving = 0;
            while (i < order.length && time[order[i]] == t) {
                int s = status[order[i]];
                d1 += s == 1 ? 1 : 0;
                d2 += s == 2 ? 1 : 0;
                leaving++;
                i++;
            }
            if (d1 + d2 > 0) {
                c1 += surv * d1 / atRisk;
                c2 += surv * d2 / atRisk;
                surv *= 1 - (double) (d1 + d2) / atRisk;
                ts.add(t);
                values.add(new double[] {c1, c2});
            }
            atRisk -= leaving;
        }
        double[] tt = ts.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] cif = new double[2][tt.length];
        for (int k = 0; k < tt.length; k++) {
            cif[0][k] = values.get(k)[0];
            cif[1][k] = values.get(k)[1];
        }
        return new CumulativeIncidence(tt, cif);
    }

    /** The cumulative incidence of {@code cause} (1 = the event, 2 = the competing event) at time {@code t}. */
    public double at(int cause, double t) {
        double v = 0;
        for (int k = 0; k < times.length && times[k] <= t; k++) {
            v = cif[cause - 1][k];
        }
        return v;
    }
}
