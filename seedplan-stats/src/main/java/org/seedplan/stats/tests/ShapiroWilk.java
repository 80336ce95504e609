package org.seedplan.stats.tests;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Shapiro–Wilk W test with Royston's approximations for the coefficients and the p value
 * (Royston 1992, Statistics and Computing 2:117; Royston 1995, Applied Statistics 44:547, algorithm
 * AS R94), the method of R's {@code shapiro.test}; 3 ≤ n ≤ 5000.
 */
final class ShapiroWilk {

    private static final double[] C1 = {0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056};
    private static final double[] C2 = {0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
    private static final double[] C3 = {0.544, -0.39978, 0.025054, -6.714e-4};
    private static final double[] C4 = {1.3822, -0.77857, 0.062767, -0.0020322};
    private static final double[] C5 = {-1.5861, -0.31082, -0.083751, 0.0038915};
    private static final double[] C6 = {-0.4803, -0.082676, 0.0030302};
    private static final double[] G = {-2.273, 0.459};

    private ShapiroWilk() {
    }

    /** {W, p} for sorted data; NaNs outside 3 ≤ n ≤ 5000. */
    static double[] test(double[] x) {
        int n = x.length;
        if (n < 3 || n > 5000) {
            return new double[] {Double.NaN, Double.NaN};
        }
        NormalDistribution z = NormalDistribution.of(0, 1);
        int half = n / 2;
        double[] a = new double[half];
        if (n == 3) {
            a[0] = Math.sqrt(0.5);
        } else {
            double[] m = new double[half];
            double summ2 = 0;
            for (int i = 0; i < half; i++) {
                m[i] = z.inverseCumulativeProbability((i + 1 - 0.375) / (n + 0.25));
                summ2 += m[i] * m[i];
            }
            summ2 *= 2;
            double ssumm2 = Math.sqrt(summ2);
            double rsn = 1 / Math.sqrt(n);
            double a1 = poly(C1, rsn) - m[0] / ssumm2;
            int first;
            double fac;
            if (n > 5) {
                first = 2;
                double a2 = -m[1] / ssumm2 + poly(C2, rsn);
                fac = Math.sqrt((summ2 - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
                a[1] = a2;
            } else {
                first = 1;
                fac = Math.sqrt((summ2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1));
            }
            a[0] = a1;
            for (int i = first; i < half; i++) {
                a[i] = -m[i] / fac;
            }
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double ssq = 0;
        for (double v : x) {
            ssq += (v - mean) * (v - mean);
        }
        double b = 0;
        for (int i = 0; i < half; i++) {
            b += a[i] * (x[n - 1 - i] - x[i]);
        }
        double w = Math.min(1, b * b / ssq);
        double p;
        if (n == 3) {
            p = Math.max(0, 6 / Math.PI * (Math.asin(Math.sqrt(w)) - Math.PI / 3));
            return new double[] {w, Math.min(p, 1)};
        }
        double w1 = Math.log(1 - w);
        double mu;
        double sigma;
        if (n <= 11) {
            double gamma = poly(G, n);
            if (w1 >= gamma) {
                return new double[] {w, 1e-99};
            }
            w1 = -Math.log(gamma - w1);
            mu = poly(C3, n);
            sigma = Math.exp(poly(C4, n));
        } else {
            double ln = Math.log(n);
            mu = poly(C5, ln);
            sigma = Math.exp(poly(C6, ln));
        }
        p = NormalDistribution.of(mu, sigma).survivalProbability(w1);
        return new double[] {w, p};
    }

    private static double poly(double[] c, double x) {
        double r = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            r = r * x + c[i];
        }
        return r;
    }
}
