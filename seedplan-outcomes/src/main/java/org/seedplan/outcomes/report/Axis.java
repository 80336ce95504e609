package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear or logarithmic axis mapping data values to pixels, with "nice" tick positions (steps of 1, 2, 2.5
 * or 5 × 10ⁿ on a linear axis; 1-2-5 decades on a log axis).
 *
 * @param min  smallest value shown
 * @param max  largest value shown
 * @param from pixel of {@code min}
 * @param to   pixel of {@code max}
 * @param log  logarithmic scale
 */
record Axis(double min, double max, double from, double to, boolean log) {

    Axis {
        if (!(max > min) || (log && min <= 0)) {
            throw new IllegalArgumentException("axis: need min < max (and min > 0 on a log axis), got " + min + ".." + max);
        }
    }

    /** Pixel of value {@code v}. */
    double px(double v) {
        double f = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
        return from + f * (to - from);
    }

    /** Tick values within [min, max]. */
    List<Double> ticks(int approx) {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.floor(Math.log10(min)); e <= (int) Math.ceil(Math.log10(max)); e++) {
                for (double m : new double[] {1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
        double step = niceStep((max - min) / Math.max(1, approx));
        for (double v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick label without trailing zeros. */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
