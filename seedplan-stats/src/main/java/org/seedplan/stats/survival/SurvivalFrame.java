package org.seedplan.stats.survival;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.seedplan.stats.data.CompleteCases;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.data.Factor;

/**
 * Right-censored survival data ready for Kaplan–Meier, log-rank or Cox: time, event indicator and
 * optionally a grouping factor, a stratum factor and a design matrix, all on the same complete cases.
 *
 * @param time    follow-up time per row (any unit, ≥ 0)
 * @param event   true = event (death, progression), false = censored
 * @param group   groups to compare (KM curves per group, log-rank groups), or null
 * @param strata  strata (stratified log-rank / Cox), or null
 * @param design  covariates for Cox, or null
 * @param dropped rows of the source table dropped because a needed value was missing
 */
public record SurvivalFrame(double[] time, boolean[] event, Factor group, Factor strata, DesignMatrix design,
                            int dropped) {

    /** Checks that all parts have the same number of rows. */
    public SurvivalFrame {
        int n = time.length;
        if (event.length != n || (group != null && group.codes().length != n)
                || (strata != null && strata.codes().length != n) || (design != null && design.rows() != n)) {
            throw new IllegalArgumentException("time, event, group, strata and covariates must have the same number of rows");
        }
        for (int i = 0; i < n; i++) {
            if (!(time[i] >= 0) || Double.isInfinite(time[i])) {
                throw new IllegalArgumentException("time of row " + (i + 1) + " is " + time[i]
                        + "; fix: follow-up times must be finite and >= 0");
            }
        }
    }

    /** Number of rows. */
    public int n() {
        return time.length;
    }

    /** Number of events. */
    public int events() {
        int d = 0;
        for (boolean e : event) {
            if (e) {
                d++;
            }
        }
        return d;
    }

    /**
     * Builds the frame from a table, keeping complete cases for all named columns.
     *
     * @param timeColumn   follow-up time
     * @param eventColumn  1/0 or TRUE/FALSE (1 = event, 0 = censored)
     * @param groupColumn  grouping column or null
     * @param strataColumn stratum column or null
     * @param covariates   Cox covariates (may be empty)
     * @param categorical  which covariates are categorical
     * @param references   reference level per categorical covariate
     */
    public static SurvivalFrame from(DataTable table, String timeColumn, String eventColumn, String groupColumn,
                                     String strataColumn, List<String> covariates, Collection<String> categorical,
                                     Map<String, String> references) {
        List<String> needed = new ArrayList<>(List.of(timeColumn, eventColumn));
        if (groupColumn != null) {
            needed.add(groupColumn);
        }
        if (strataColumn != null) {
            needed.add(strataColumn);
        }
        for (String c : covariates) {
            if (!needed.contains(c)) {
                needed.add(c);
            }
        }
        for (String c : needed) {
            if (!table.hasColumn(c)) {
                throw new IllegalArgumentException(table.source() + ": no column '" + c + "'; fix: use one of "
                        + table.columnNames());
            }
        }
        CompleteCases cc = table.completeCases(needed);
        DataTable t = cc.table();
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException(table.source() + ": no row has all of " + needed
                    + " present; fix: fill in the missing values");
        }
        double[] time = t.numeric(timeColumn);
        for (int i = 0; i < time.length; i++) {
            if (time[i] < 0) {
                throw new IllegalArgumentException(t.where(i, timeColumn) + ": value '" + t.cell(i, timeColumn)
                        + "' is negative; fix: follow-up time must be >= 0");
            }
        }
        boolean[] event = events(t, eventColumn);
        Factor group = groupColumn == null ? null : Factor.of(groupColumn, t.text(groupColumn));
        Factor strata = strataColumn == null ? null : Factor.of(strataColumn, t.text(strataColumn));
        DesignMatrix design = covariates.isEmpty() ? null
                : DesignMatrix.build(t, covariates, categorical, references);
        return new SurvivalFrame(time, event, group, strata, design, cc.dropped());
    }

    /** Reads an event column coded 1/0 or TRUE/FALSE. */
    public static boolean[] events(DataTable t, String column) {
        String[] cells = t.text(column);
        boolean[] out = new boolean[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String v = cells[i];
            switch (v.toUpperCase(java.util.Locale.ROOT)) {
                case "1", "1.0", "TRUE", "T" -> out[i] = true;
                case "0", "0.0", "FALSE", "F" -> out[i] = false;
                default -> throw new IllegalArgumentException(t.where(i, column) + ": value '" + v
                        + "' is not an event code; fix: write 1 for an event (death, progression) and 0 for censored");
            }
        }
        return out;
    }
}
