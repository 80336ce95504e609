package org.seedplan.verify.needles;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Minimum of a function of a few variables by the downhill simplex method (Nelder &amp; Mead, Comput. J. 7:308, 1965;
 * the standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½), stopped after a number of evaluations
 * or when the simplex's values agree within a tolerance.
 */
final class NelderMead {

    private NelderMead() {
    }

    /** The point of least value found from {@code start} with initial steps {@code steps}; {@code f} must not return NaN. */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] steps, int maxEvaluations, double tolerance) {
        int n = start.length;
        double[][] x = new double[n + 1][];
        double[] v = new double[n + 1];
        x[0] = start.clone();
        v[0] = f.applyAsDouble(x[0]);
        for (int q = 0; q < n; q++) {
            x[q + 1] = start.clone();
            x[q + 1][q] += steps[q];
            v[q + 1] = f.applyAsDouble(x[q + 1]);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int q = 0; q <= n; q++) {
                order[q] = q;
            }
            double[] values = v;
            Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
            int best = order[0];
            int worst = order[n];
            int second = order[n - 1];
            if (Math.abs(v[worst] - v[best]) <= tolerance) {
                break;
            }
            double[] centroid = new double[n];
            for (int q = 0; q <= n; q++) {
                if (q != worst) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += x[q][d] / n;
                    }
                }
            }
            double[] reflected = along(centroid, x[worst], -1);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < v[best]) {
                double[] expanded = along(centroid, x[worst], -2);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                x[worst] = fe < fr ? expanded : reflected;
                v[worst] = Math.min(fe, fr);
            } else if (fr < v[second]) {
                x[worst] = reflected;
                v[worst] = fr;
            } else {
                boolean outside = fr < v[worst];
                double[] contracted = along(centroid, x[worst], outside ? -0.5 : 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, v[worst])) {
                    x[worst] = contracted;
                    v[worst] = fc;
                } else {
                    for (int q = 0; q <= n; q++) {
                        if (q != best) {
                            x[q] = along(x[best], x[q], 0.5);
                            v[q] = f.applyAsDouble(x[q]);
                            evaluations++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int q = 1; q <= n; q++) {
            best = v[q] < v[best] ? q : best;
        }
        return x[best];
    }

    /** {@code from + c·(to − from)}. */
    private static double[] along(double[] from, double[] to, double c) {
        double[] out = new double[from.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = from[d] + c * (to[d] - from[d]);
        }
        return out;
    }
}
