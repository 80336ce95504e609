package org.seedplan.stats.descriptive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.stats.data.Levels;

/** The summaries of a baseline table: n (%), mean ± SD, median (P25, P75). Missing values (NaN / null) are excluded and counted. */
public final class Descriptives {

    private Descriptives() {
    }

    /**
     * Mean and sample standard deviation (n − 1 denominator).
     *
     * @param n       values used
     * @param missing values excluded as missing
     * @param mean    arithmetic mean
     * @param sd      standard deviation (NaN when n &lt; 2)
     */
    public record MeanSd(int n, int missing, double mean, double sd) {
    }

    /**
     * Median and quartiles.
     *
     * @param n       values used
     * @param missing values excluded as missing
     * @param median  P50
     * @param p25     first quartile
     * @param p75     third quartile
     * @param min     minimum
     * @param max     maximum
     * @param type    quantile definition used
     */
    public record MedianIqr(int n, int missing, double median, double p25, double p75, double min, double max,
                            QuantileType type) {
    }

    /**
     * One category of a frequency table.
     *
     * @param level   category
     * @param n       count
     * @param percent percentage of the non-missing values
     */
    public record Count(String level, int n, double percent) {
    }

    /**
     * A frequency table.
     *
     * @param counts  categories in R's factor order (or the order given)
     * @param total   non-missing values
     * @param missing missing values
     */
    public record Frequencies(List<Count> counts, int total, int missing) {
    }

    /** Mean ± SD of the non-missing values. */
    public static MeanSd meanSd(double[] x) {
        double[] v = present(x);
        if (v.length == 0) {
            return new MeanSd(0, x.length, Double.NaN, Double.NaN);
        }
        double s = 0;
        for (double d : v) {
            s += d;
        }
        double mean = s / v.length;
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return new MeanSd(v.length, x.length - v.length, mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN);
    }

    /** Median (P25, P75) of the non-missing values with the given quantile definition. */
    public static MedianIqr medianIqr(double[] x, QuantileType type) {
        double[] v = present(x);
        if (v.length == 0) {
            return new MedianIqr(0, x.length, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, type);
        }
        double[] q = type.of(v, 0.5, 0.25, 0.75, 0, 1);
        return new MedianIqr(v.length, x.length - v.length, q[0], q[1], q[2], q[3], q[4], type);
    }

    /** n (%) per category, categories in R's order; null = missing. */
    public static Frequencies counts(String[] values) {
        return counts(values, null);
    }

    /**
     * n (%) per category.
     *
     * @param order categories to list in this order (others follow in R's order); null = R's order
     */
    public static Frequencies counts(String[] values, List<String> order) {
        Map<String, Integer> c = new LinkedHashMap<>();
        int missing = 0;
        for (String v : values) {
            if (v == null) {
                missing++;
            } else {
                c.merge(v, 1, Integer::sum);
            }
        }
        List<String> levels = new ArrayList<>();
        if (order != null) {
            levels.addAll(order);
        }
        for (String l : Levels.sorted(c.keySet())) {
            if (!levels.contains(l)) {
                levels.add(l);
            }
        }
        int total = values.length - missing;
        List<Count> out = new ArrayList<>();
        for (String l : levels) {
            int n = c.getOrDefault(l, 0);
            out.add(new Count(l, n, total == 0 ? Double.NaN : 100.0 * n / total));
        }
        return new Frequencies(out, total, missing);
    }

    private static double[] present(double[] x) {
        return java.util.Arrays.stream(x).filter(d -> !Double.isNaN(d)).toArray();
    }
}
