package org.seedplan.stats.descriptive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.seedplan.stats.data.ColumnNames;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.Levels;

/**
 * Describes numeric columns of a table, overall or by group and time point: n, missing, mean, SD (n − 1), median,
 * P25, P75 (the chosen quantile definition), minimum and maximum — the "mean ± SD / median (P25, P75) / range"
 * of clinical papers, as numbers. Unknown columns and non-numeric cells are all reported at once.
 */
public final class Describe {

    /**
     * One described cell of the output.
     *
     * @param column    the described column
     * @param group     the group's value, or "All"
     * @param timePoint the time point's value, or "" without a time-point column
     * @param meanSd    n, missing, mean, SD
     * @param quantiles median, quartiles, range
     */
    public record Row(String column, String group, String timePoint, Descriptives.MeanSd meanSd, Descriptives.MedianIqr quantiles) {
    }

    private Describe() {
    }

    /**
     * Describes {@code columns} of {@code table}.
     *
     * @param by        group column or null (then one group "All"); rows with a missing group are left out of the groups
     * @param timePoint time-point column or null
     * @param type      quantile definition
     */
    public static List<Row> of(DataTable table, List<String> columns, String by, String timePoint, QuantileType type) {
        List<String> errors = new ArrayList<>();
        List<String> all = new ArrayList<>(columns);
        if (by != null) {
            all.add(by);
        }
        if (timePoint != null) {
            all.add(timePoint);
        }
        for (String c : all) {
            if (!table.hasColumn(c)) {
                errors.add(table.source() + ": " + ColumnNames.unknown(c, table.columnNames()));
            }
        }
        if (columns.isEmpty()) {
            errors.add("no column to describe; fix: give --columns A,B");
        }
        if (errors.isEmpty()) {
            for (String c : columns) {
                int bad = 0;
                for (int r = 0; r < table.rowCount(); r++) {
                    String v = table.cell(r, c);
                    if (v != null && !numeric(v)) {
                        if (++bad <= 5) {
                            errors.add(table.where(r, c) + ": value '" + v + "' is not a number; fix: correct it, or leave it empty / NA");
                        }
                    }
                }
                if (bad > 5) {
                    errors.add(table.source() + " column '" + c + "': " + (bad - 5) + " more non-numeric values");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() == 1 ? errors.get(0) : errors.size() + " errors:\n  " + String.join("\n  ", errors));
        }
        List<String> groups = by == null ? List.of("All") : levels(table, by);
        List<String> times = timePoint == null ? List.of("") : levels(table, timePoint);
        List<Row> out = new ArrayList<>();
        for (String c : columns) {
            for (String g : groups) {
                for (String t : times) {
                    List<Double> v = new ArrayList<>();
                    for (int r = 0; r < table.rowCount(); r++) {
                        if ((by == null || g.equals(table.cell(r, by))) && (timePoint == null || t.equals(table.cell(r, timePoint)))) {
                            String s = table.cell(r, c);
                            v.add(s == null ? Double.NaN : Double.parseDouble(s));
                        }
                    }
                    double[] x = v.stream().mapToDouble(Double::doubleValue).toArray();
                    out.add(new Row(c, g, t, Descriptives.meanSd(x), Descriptives.medianIqr(x, type)));
                }
            }
        }
        return out;
    }

    private static List<String> levels(DataTable t, String column) {
        Set<String> s = new LinkedHashSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String v = t.cell(r, column);
            if (v != null) {
                s.add(v);
            }
        }
        return Levels.sorted(s);
    }

    private static boolean numeric(String v) {
        try {
            Double.parseDouble(v.strip());
            return !v.strip().matches(".*[dDfFxX].*");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
