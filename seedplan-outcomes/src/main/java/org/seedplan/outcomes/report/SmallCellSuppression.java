package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Small-cell suppression of a report's aggregates for a de-identified view (the registry dashboard): a table row that
 * counts fewer than k patients or lesions (its {@code n}, or {@code assessed} in the response table, from 1 to k − 1)
 * shows the count as "&lt; k" and withholds every value computed from those few rows (mean, SD, median, quartiles,
 * min, max, percentages, rates, hazard ratios …) — with two patients a mean and SD, or a minimum and maximum, give both
 * ages away. Group-level tests (test, statistic, p) and the row's labels stay. Kaplan–Meier and cumulative-incidence
 * figures with a curve of fewer than k rows are withheld (their steps are individual event times); the per-row
 * analysis datasets are never part of the result.
 *
 * @param k smallest count shown as a number (≥ 1; 1 suppresses nothing)
 */
public record SmallCellSuppression(int k) {

    /** Columns that describe the whole comparison, not the small row: kept. */
    private static final Set<String> TESTS = Set.of("test", "statistic", "p", "logrank_chisq", "logrank_df", "logrank_p", "factor_p");

    public SmallCellSuppression {
        if (k < 1) {
            throw new IllegalArgumentException("small-cell suppression: k = " + k + "; fix: use a whole number ≥ 1 (1 = no suppression)");
        }
    }

    /** The report with its small rows suppressed, its small-group figures withheld and no per-row exports. */
    public CohortReport apply(CohortReport report) {
        List<Table> tables = new ArrayList<>();
        for (Table t : report.tables()) {
            tables.add(apply(t));
        }
        List<Figure> figures = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (Figure f : report.figures()) {
            if (small(f)) {
                withheld.add(f.name());
            } else {
                figures.add(f);
            }
        }
        if (!withheld.isEmpty() && !tables.isEmpty()) {
            Table first = tables.get(0);
            List<String> notes = new ArrayList<>(first.notes());
            notes.add("Figures withheld because a curve has fewer than " + k + " patients or lesions: " + String.join(", ", withheld) + ".");
            tables.set(0, new Table(first.name(), first.title(), first.header(), first.rows(), notes));
        }
        return new CohortReport(report.title(), report.source(), tables, List.of(), figures);
    }

    /** The table with every row of 1 to k − 1 counted rows suppressed (unchanged when it has no count column). */
    public Table apply(Table t) {
        int size = t.header().indexOf("n");
        if (size < 0) {
            size = t.header().indexOf("assessed");
        }
        if (size < 0 || k == 1) {
            return t;
        }
        List<List<String>> rows = new ArrayList<>();
        boolean any = false;
        for (List<String> r : t.rows()) {
            if (!small(r.get(size))) {
                rows.add(r);
                continue;
            }
            any = true;
            List<String> out = new ArrayList<>(r);
            for (int c = size; c < out.size(); c++) {
                if (c == size) {
                    out.set(c, "< " + k);
                } else if (!TESTS.contains(t.header().get(c))) {
                    out.set(c, "");
                }
            }
            rows.add(out);
        }
        if (!any) {
            return t;
        }
        List<String> notes = new ArrayList<>(t.notes());
        notes.add("Small-cell suppression: rows of fewer than " + k + " patients or lesions show the count as \"< " + k
                + "\" and no values computed from them.");
        return new Table(t.name(), t.title(), t.header(), rows, notes);
    }

    private boolean small(String count) {
        try {
            double n = Double.parseDouble(count);
            return n >= 1 && n < k;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    private boolean small(Figure f) {
        if (f instanceof KaplanMeierFigure km) {
            return km.curves().stream().anyMatch(c -> c.n() < k);
        }
        if (f instanceof CumulativeIncidenceFigure ci) {
            return ci.n() < k;
        }
        return false;
    }
}
