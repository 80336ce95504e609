package org.seedplan.stats.tests;

/** Input checks and small sums shared by the tests. */
final class Checks {

    private Checks() {
    }

    static void atLeast(double[] x, int n, String what) {
        if (x.length < n) {
            throw new IllegalArgumentException(what + " has " + x.length + " values; fix: the test needs at least " + n);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " contains a missing or non-finite value; fix: drop missing values first (complete cases)");
            }
        }
    }

    static void paired(double[] x, double[] y, int n) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples have " + x.length + " and " + y.length
                    + " values; fix: give one value of each per subject");
        }
        atLeast(x, n, "first sample");
        atLeast(y, n, "second sample");
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        double c = 0;
        for (double v : x) {
            c += v - m;
        }
        return m + c / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
