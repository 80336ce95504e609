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
        return minimise((x, bound) -> f.applyAsDouble(x), start, steps, maxEvaluations, tolerance);
    }

    /**
     * A function that may stop short once its value is sure to exceed a bound: {@code at(x, bound)} is the value at {@code x}
     * when that is at most {@code bound}, and otherwise any number above {@code bound}.
     */
    interface Bounded {
        double at(double[] x, double bound);
    }

    /**
     * {@link #minimise(ToDoubleFunction, double[], double[], int, double)} for a function that may stop short: a trial point is
     * evaluated with the bound above which the step only asks "worse than?" (the worst vertex for a reflection, the reflected
     * point for an expansion, the lesser of both for a contraction), so the steps and the result are those of the full values.
     */
    static double[] minimise(Bounded f, double[] start, double[] steps, int maxEvaluations, double tolerance) {
        return minimise(f, start, steps, maxEvaluations, tolerance, Double.NEGATIVE_INFINITY);
    }

    /**
     * {@link #minimise(Bounded, double[], double[], int, double)} stopped as soon as a vertex's value is at most {@code enough}:
     * for a caller who only asks whether the least value is at most {@code enough}. The answer is the one the whole search
     * gives, for the simplex's least vertex value never rises (every vertex value is a full one: a trial point's value cut
     * short at its bound is never taken as a vertex), so a vertex at or under {@code enough} stays so to the end; only the
     * point returned is less refined. The start is returned alone, after one evaluation, when it already is enough.
     */
    static double[] minimise(Bounded f, double[] start, double[] steps, int maxEvaluations, double tolerance, double enough) {
        return least(f, start, steps, maxEvaluations, tolerance, enough).x();
    }

    /**
     * The point {@link #minimise(Bounded, double[], double[], int, double)} returns and its value: the value {@code f} gave
     * there, the whole one (a vertex's value is never one cut short at a bound), so a caller who wants the least value need
     * not evaluate {@code f} at the point once more (docs/needles.md, thirty-fourth round, needlespeed17).
     */
    static Least least(Bounded f, double[] start, double[] steps, int maxEvaluations, double tolerance) {
        return least(f, start, steps, maxEvaluations, tolerance, Double.NEGATIVE_INFINITY);
    }

    /** A point found by the simplex and the value the function gave there. */
    record Least(double[] x, double value) {
    }

    /**
     * {@link #least(Bounded, double[], double[], int, double)} from a start whose value is known: {@code atStart}, the whole
     * value {@code f} gives at {@code start} (bit for bit what {@code f.at(start, +∞)} returns; NaN is not allowed), taken for
     * the start vertex's instead of evaluating it (counted as an evaluation all the same): the very steps and answer.
     */
    static Least least(Bounded f, double[] start, double atStart, double[] steps, int maxEvaluations, double tolerance) {
        if (Double.isNaN(atStart)) {
            throw new IllegalArgumentException("the start's value must be a number");
        }
        return search(f, start, atStart, steps, maxEvaluations, tolerance, Double.NEGATIVE_INFINITY);
    }

    /** {@link #minimise(Bounded, double[], double[], int, double, double)}'s point with its value ({@link #least}). */
    static Least least(Bounded f, double[] start, double[] steps, int maxEvaluations, double tolerance, double enough) {
        return search(f, start, Double.NaN, steps, maxEvaluations, tolerance, enough);
    }

    /** The search; {@code atStart} the start's value, or NaN to evaluate it. */
    private static Least search(Bounded f, double[] start, double atStart, double[] steps, int maxEvaluations, double tolerance,
                                double enough) {
        double all = Double.POSITIVE_INFINITY;
        int n = start.length;
        double[][] x = new double[n + 1][];
        double[] v = new double[n + 1];
        x[0] = start.clone();
        v[0] = Double.isNaN(atStart) ? f.at(x[0], all) : atStart;
        if (v[0] <= enough) {
            return new Least(x[0], v[0]);
        }
        for (int q = 0; q < n; q++) {
            x[q + 1] = start.clone();
            x[q + 1][q] += steps[q];
            v[q + 1] = f.at(x[q + 1], all);
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
            if (Math.abs(v[worst] - v[best]) <= tolerance || v[best] <= enough) {
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
            double fr = f.at(reflected, v[worst]);
            evaluations++;
            if (fr < v[best]) {
                double[] expanded = along(centroid, x[worst], -2);
                double fe = f.at(expanded, fr);
                evaluations++;
                x[worst] = fe < fr ? expanded : reflected;
                v[worst] = Math.min(fe, fr);
            } else if (fr < v[second]) {
                x[worst] = reflected;
                v[worst] = fr;
            } else {
                boolean outside = fr < v[worst];
                double[] contracted = along(centroid, x[worst], outside ? -0.5 : 0.5);
                double fc = f.at(contracted, Math.min(fr, v[worst]));
                evaluations++;
                if (fc < Math.min(fr, v[worst])) {
                    x[worst] = contracted;
                    v[worst] = fc;
                } else {
                    for (int q = 0; q <= n; q++) {
                        if (q != best) {
                            x[q] = along(x[best], x[q], 0.5);
                            v[q] = f.at(x[q], all);
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
        return new Least(x[best], v[best]);
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
