package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.scales.QlqC30Scoring;
import org.seedplan.outcomes.scales.QlqScale;

/** EORTC QLQ-C30 scale scores over follow-up (mean ± SD) and the paired test of the last QoL month against baseline. */
final class QolTable {

    /** Months with fewer patients than this are left out of the table. */
    static final int MIN_PATIENTS = 5;

    record Result(Table table, List<LineFigure.Series> series) {
    }

    private QolTable() {
    }

    static Result build(List<Patient> patients, int lastMonth) {
        List<Integer> months = new ArrayList<>();
        MonthlyValues any = values(patients, lastMonth, null);
        for (int m = 0; m <= lastMonth; m++) {
            if (any.at(m).size() >= MIN_PATIENTS) {
                months.add(m);
            }
        }
        List<String> header = new ArrayList<>(List.of("Scale"));
        months.forEach(m -> header.add(m == 0 ? "Baseline" : "Month " + m));
        int last = months.isEmpty() ? 0 : months.get(months.size() - 1);
        header.addAll(List.of("Pairs (baseline, month " + last + ")", "Test", "p"));
        Table.Builder t = Table.builder("qol", "EORTC QLQ-C30 scores, mean ± SD (n)", header.toArray(String[]::new));
        List<LineFigure.Series> series = new ArrayList<>();
        for (QlqScale s : QlqScale.values()) {
            MonthlyValues v = values(patients, lastMonth, s);
            addRow(t, s.title() + " (" + s.name() + ")", v, months, last);
            if (s == QlqScale.QL2 || s == QlqScale.PF2 || s == QlqScale.FA || s == QlqScale.PA) {
                series.add(v.series((s == QlqScale.QL2 ? "Global QoL" : s.title()) + " (" + s.name() + ")"));
            }
        }
        addRow(t, "Summary score", values(patients, lastMonth, null), months, last);
        t.note("Scoring: EORTC QLQ-C30 Scoring Manual 3rd ed.; a scale is missing when fewer than half of its items are answered; "
                + "out-of-range answers count as missing. Higher = better for functional scales and global QoL, worse for symptoms.");
        t.note("Summary score: mean of 13 scales with symptoms reversed (Giesinger et al. 2016), only when all 13 exist.");
        t.note("Test on complete pairs: paired t if Shapiro–Wilk does not reject normality of the differences (p ≥ 0.05), "
                + "else Wilcoxon signed-rank. Months with fewer than " + MIN_PATIENTS + " questionnaires are not shown.");
        return new Result(t.build(), series);
    }

    private static void addRow(Table.Builder t, String label, MonthlyValues v, List<Integer> months, int last) {
        List<String> row = new ArrayList<>(List.of(label));
        for (int m : months) {
            Describe d = Describe.of(v.at(m));
            row.add(d.n() == 0 ? "—" : d.meanSd(1) + " (" + d.n() + ")");
        }
        if (last > 0) {
            double[][] pairs = v.pairs(last);
            PairedComparison pc = PairedComparison.of(pairs[0], pairs[1]);
            row.addAll(List.of(Integer.toString(pc.n()), pc.test(), Format.p(pc.p())));
        } else {
            row.addAll(List.of("0", "—", "—"));
        }
        t.row(row);
    }

    /** Scores of one scale per month; {@code scale == null} = the summary score. */
    private static MonthlyValues values(List<Patient> patients, int lastMonth, QlqScale scale) {
        return MonthlyValues.of(patients, lastMonth, (FollowUp f) -> {
            if (f.qlqItems().isEmpty()) {
                return null;
            }
            Map<QlqScale, Double> scores = QlqC30Scoring.score(f.qlqItems());
            return scale == null ? QlqC30Scoring.summary(scores) : scores.get(scale);
        });
    }
}
