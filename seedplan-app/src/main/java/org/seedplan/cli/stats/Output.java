package org.seedplan.cli.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Printing of stats results: JSON with NaN/∞ as null (R's NA), or aligned text tables. */
final class Output {

    private Output() {
    }

    /** An ordered JSON object. */
    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /** A number for JSON: null when NaN or infinite (not estimable / not reached). */
    static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    /** Numbers for JSON. */
    static List<Object> nums(double... v) {
        List<Object> out = new ArrayList<>();
        for (double d : v) {
            out.add(num(d));
        }
        return out;
    }

    static void printJson(Object value) {
        try {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number for a text table: 4 significant digits, NA when not finite. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "NA";
        }
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** A p value as papers print it. */
    static String p(double v) {
        if (!Double.isFinite(v)) {
            return "NA";
        }
        return v < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Prints rows as an aligned table (first row = header). */
    static void table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                sb.append(String.format("%" + w[c] + "s", r[c]));
            }
            System.out.println(sb.toString().stripTrailing());
        }
    }

    /** Says how many rows the complete-case selection dropped. */
    static void dropped(int n, List<String> columns) {
        if (n > 0) {
            System.out.println(n + " row(s) with a missing value in " + columns + " excluded (complete cases)");
        }
    }
}
