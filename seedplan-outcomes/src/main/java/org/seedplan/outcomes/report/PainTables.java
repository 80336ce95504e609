package org.seedplan.outcomes.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.scales.PainChange;
import org.seedplan.outcomes.scales.PainRelief;

/** Pain (NRS 0–10) over follow-up: mean ± SD and median per month with a paired test against baseline, and the change and relief categories. */
final class PainTables {

    record Result(Table nrs, Table categories, LineFigure.Series series) {
    }

    private PainTables() {
    }

    static Result build(List<Patient> patients, int lastMonth) {
        MonthlyValues v = MonthlyValues.of(patients, lastMonth, f -> f.nrsPain() == null ? null : f.nrsPain().doubleValue());
        Table.Builder t = Table.builder("pain_nrs", "Pain (NRS 0–10) by follow-up month", "Time point", "n", "Mean ± SD",
                "Median (P25, P75)", "Pairs with baseline", "Test vs baseline", "p");
        Table.Builder c = Table.builder("pain_categories", "Pain change and pain relief versus baseline", "Time point", "Pairs",
                "Marked decrease (≥ 50 %)", "Moderate decrease (30–< 50 %)", "Stable", "Worse (≥ 30 % increase)",
                "Relief assessable", "CR", "PR", "MR", "NR", "Relief rate CR + PR, %");
        for (int m = 0; m <= lastMonth; m++) {
            Describe d = Describe.of(v.at(m));
            if (d.n() == 0) {
                continue;
            }
            String label = m == 0 ? "Baseline" : "Month " + m;
            if (m == 0) {
                t.row(label, Integer.toString(d.n()), d.meanSd(1), d.medianIqr(1), "", "", "");
                continue;
            }
            double[][] pairs = v.pairs(m);
            PairedComparison pc = PairedComparison.of(pairs[0], pairs[1]);
            t.row(label, Integer.toString(d.n()), d.meanSd(1), d.medianIqr(1), Integer.toString(pc.n()), pc.test(), Format.p(pc.p()));
            Map<PainChange, Integer> change = new EnumMap<>(PainChange.class);
            Map<PainRelief, Integer> relief = new EnumMap<>(PainRelief.class);
            int assessable = 0;
            for (int i = 0; i < pairs[0].length; i++) {
                int b = (int) pairs[0][i];
                int f = (int) pairs[1][i];
                change.merge(PainChange.of(b, f), 1, Integer::sum);
                if (b > 0) {
                    relief.merge(PainRelief.of(b, f), 1, Integer::sum);
                    assessable++;
                }
            }
            int n = pairs[0].length;
            int relieved = relief.getOrDefault(PainRelief.CR, 0) + relief.getOrDefault(PainRelief.PR, 0);
            c.row(label, Integer.toString(n),
                    Format.nPct(change.getOrDefault(PainChange.MARKED_DECREASE, 0), n),
                    Format.nPct(change.getOrDefault(PainChange.MODERATE_DECREASE, 0), n),
                    Format.nPct(change.getOrDefault(PainChange.STABLE, 0), n),
                    Format.nPct(change.getOrDefault(PainChange.WORSE, 0), n),
                    Integer.toString(assessable),
                    Integer.toString(relief.getOrDefault(PainRelief.CR, 0)), Integer.toString(relief.getOrDefault(PainRelief.PR, 0)),
                    Integer.toString(relief.getOrDefault(PainRelief.MR, 0)), Integer.toString(relief.getOrDefault(PainRelief.NR, 0)),
                    Format.num(assessable == 0 ? Double.NaN : 100.0 * relieved / assessable, 1));
        }
        t.note("Tests use the patients with an NRS at baseline and at that month (complete pairs): paired t if the "
                + "Shapiro–Wilk test does not reject normality of the differences (p ≥ 0.05), else Wilcoxon signed-rank.");
        c.note("Change categories: percentage change from baseline; a baseline of 0 is stable if it stays 0, else worse.");
        c.note("Relief: CR = NRS 0; PR = decrease ≥ 50 %; MR = decrease 25 % to < 50 %; NR = less, unchanged or worse; "
                + "only patients with baseline NRS ≥ 1 are assessable.");
        return new Result(t.build(), c.build(), v.series("NRS pain"));
    }
}
