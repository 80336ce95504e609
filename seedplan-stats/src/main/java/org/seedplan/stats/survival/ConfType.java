package org.seedplan.stats.survival;

import java.util.Arrays;

/**
 * Pointwise confidence interval of a Kaplan–Meier curve, as R's {@code survfit(conf.type=)}:
 * {@code log} (R's default) S·exp(±z·σ), {@code log-log} on log(−log S) with σ/|log S|
 * (SAS, SPSS, Stata), {@code plain} S ± z·S·σ; σ is the Greenwood SE of −log S
 * (Klein &amp; Moeschberger 2003 §4.3). Upper limits of log and plain are truncated at 1, plain
 * lower limits at 0.
 */
public enum ConfType {
    /** On the log scale (R default). */
    LOG("log"),
    /** On the log(−log) scale. */
    LOG_LOG("log-log"),
    /** Linear. */
    PLAIN("plain");

    private final String rName;

    ConfType(String rName) {
        this.rName = rName;
    }

    /** The name R uses ({@code log}, {@code log-log}, {@code plain}). */
    public String rName() {
        return rName;
    }

    /** Parses R's name. */
    public static ConfType parse(String name) {
        return Arrays.stream(values()).filter(c -> c.rName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("confidence interval type '" + name
                        + "' is unknown; fix: use log, log-log or plain"));
    }

    /**
     * The limits {lower, upper} for survival {@code s} with SE of −log S {@code seLog}; NaN where R
     * gives NA (log: S = 0; log-log: S = 0 or 1).
     */
    double[] limits(double s, double seLog, double z) {
        switch (this) {
            case PLAIN: {
                double h = z * seLog * s;
                return new double[] {Math.max(s - h, 0), Math.min(s + h, 1)};
            }
            case LOG: {
                if (s == 0) {
                    return new double[] {Double.NaN, Double.NaN};
                }
                double h = z * seLog;
                return new double[] {Math.exp(Math.log(s) - h), Math.min(Math.exp(Math.log(s) + h), 1)};
            }
            default: {
                if (s == 0 || s == 1) {
                    return new double[] {Double.NaN, Double.NaN};
                }
                double h = z * seLog / Math.log(s);
                double ll = Math.log(-Math.log(s));
                return new double[] {Math.exp(-Math.exp(ll - h)), Math.exp(-Math.exp(ll + h))};
            }
        }
    }
}
