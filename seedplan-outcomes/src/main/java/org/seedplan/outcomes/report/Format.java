package org.seedplan.outcomes.report;

import java.util.Locale;

/** Number formats of the report tables, as the clinical papers print them. */
final class Format {

    private Format() {
    }

    /** A p value: "&lt; 0.001" below 0.001, else three decimals; "—" when not available. */
    static String p(double p) {
        if (Double.isNaN(p)) {
            return "—";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A number with {@code decimals} decimals; "—" for NaN. */
    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** "n (x.x %)". */
    static String nPct(int n, int of) {
        return of == 0 ? n + " (—)" : String.format(Locale.ROOT, "%d (%.1f %%)", n, 100.0 * n / of);
    }

    /** "mean ± SD". */
    static String meanSd(double mean, double sd, int decimals) {
        return num(mean, decimals) + " ± " + num(sd, decimals);
    }

    /** "median (P25, P75)". */
    static String medianIqr(double median, double p25, double p75, int decimals) {
        return num(median, decimals) + " (" + num(p25, decimals) + ", " + num(p75, decimals) + ")";
    }

    /** A percentage with one decimal and its 95 % CI: "x.x (l.l–u.u)". */
    static String pctCi(double pct, double lower, double upper) {
        return num(pct, 1) + " (" + num(lower, 1) + "–" + num(upper, 1) + ")";
    }
}
