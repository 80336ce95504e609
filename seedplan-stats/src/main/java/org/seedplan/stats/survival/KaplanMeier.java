package org.seedplan.stats.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.seedplan.stats.data.Factor;

/**
 * The Kaplan–Meier product-limit estimator with Greenwood variance (Kaplan &amp; Meier 1958;
 * Greenwood 1926; as R {@code survival::survfit}): S(t) = Π(1 − dᵢ/nᵢ), Var(−log S) = Σ dᵢ/(nᵢ(nᵢ − dᵢ)).
 * One pass over the rows after sorting the distinct times once (see {@link TimeBins}).
 */
public final class KaplanMeier {

    private KaplanMeier() {
    }

    /** Curves per group of the frame (one curve labelled {@code all} without a group), 95 % limits. */
    public static List<KaplanMeierCurve> fit(SurvivalFrame frame, ConfType confType) {
        return fit(frame.time(), frame.event(), frame.group(), confType, 0.95);
    }

    /**
     * Curves per group.
     *
     * @param group     groups, or null for one curve labelled {@code all}
     * @param confLevel confidence level, e.g. 0.95
     */
    public static List<KaplanMeierCurve> fit(double[] time, boolean[] event, Factor group, ConfType confType,
                                             double confLevel) {
        if (time.length == 0) {
            throw new IllegalArgumentException("Kaplan-Meier needs at least one row; fix: check the data and filters");
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confLevel) / 2);
        int groups = group == null ? 1 : group.levelCount();
        TimeBins bins = TimeBins.of(time, group == null ? null : group.codes(), groups);
        int[][] counts = bins.counts(event);
        List<KaplanMeierCurve> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int from = bins.stratumStart()[g];
            int to = bins.stratumStart()[g + 1];
            if (from == to) {
                continue;
            }
            String label = group == null ? "all" : group.label(g);
            out.add(curve(label, Arrays.copyOfRange(bins.binTime(), from, to),
                    Arrays.copyOfRange(counts[0], from, to), Arrays.copyOfRange(counts[1], from, to), confType,
                    confLevel, z));
        }
        return out;
    }

    private static KaplanMeierCurve curve(String label, double[] time, int[] d, int[] c, ConfType type,
                                          double confLevel, double z) {
        int m = time.length;
        int[] risk = new int[m];
        int atRisk = 0;
        int events = 0;
        for (int i = m - 1; i >= 0; i--) {
            atRisk += d[i] + c[i];
            risk[i] = atRisk;
            events += d[i];
        }
        double[] surv = new double[m];
        double[] se = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        double s = 1;
        double var = 0;
        for (int i = 0; i < m; i++) {
            if (d[i] > 0) {
                s *= 1 - (double) d[i] / risk[i];
                var += risk[i] == d[i] ? Double.POSITIVE_INFINITY : (double) d[i] / ((double) risk[i] * (risk[i] - d[i]));
            }
            surv[i] = s;
            se[i] = Math.sqrt(var);
            double[] lim = type.limits(s, se[i], z);
            lo[i] = lim[0];
            hi[i] = lim[1];
        }
        return new KaplanMeierCurve(label, atRisk, events, time, risk, d, c, surv, se, lo, hi, type, confLevel);
    }
}
