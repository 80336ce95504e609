package org.seedplan.stats.tests;

import java.util.Arrays;

/**
 * Average ranks (ties share the mean of their ranks, R's {@code rank()}) and the tie correction term
 * Σ(t³ − t) over groups of tied values.
 *
 * @param ranks   rank of each value, 1-based, in input order
 * @param tieTerm Σ(t³ − t) over tie groups
 * @param hasTies whether any value is tied
 */
public record Ranks(double[] ranks, double tieTerm, boolean hasTies) {

    /** Ranks the values. */
    public static Ranks of(double[] values) {
        int n = values.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        double tie = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[idx[j + 1]] == values[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[idx[k]] = avg;
            }
            double t = j - i + 1;
            tie += t * t * t - t;
            i = j + 1;
        }
        return new Ranks(ranks, tie, tie > 0);
    }
}
