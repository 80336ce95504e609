package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.seedplan.stats.cox.CoxFit;
import org.seedplan.stats.cox.CoxModel;
import org.seedplan.stats.cox.CoxTerm;
import org.seedplan.stats.cox.CoxZph;
import org.seedplan.stats.cox.PrognosticTable;
import org.seedplan.stats.cox.Ties;
import org.seedplan.stats.cox.ZphResult;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * The prognostic-factor table of the report: the seedplan-stats {@link PrognosticTable} screen (each factor in a
 * univariable Cox model, Efron ties; factors with p &lt; {@value #ENTRY_P} together in one multivariable model;
 * complete cases per model) over the factors of {@link AnalysisDataset#FACTORS}, laid out as the papers print
 * it, with a forest plot. Factors that cannot be estimated on this cohort (no values, no events, no variation,
 * or an infinite hazard ratio) are listed in a note instead of stopping the report.
 */
final class PrognosticFactorTable {

    /** Univariable p below which a factor enters the multivariable model (joint Wald p for a categorical factor). */
    static final double ENTRY_P = 0.10;

    record Result(Table table, Figure forest) {
    }

    private PrognosticFactorTable() {
    }

    static Result build(DataTable data, SurvivalTables.Endpoint e) {
        String endpoint = e.label().toLowerCase(Locale.ROOT);
        Table.Builder t = Table.builder("prognostic_" + e.shortLabel().toLowerCase(Locale.ROOT),
                "Prognostic factors for " + endpoint + " (Cox regression)",
                "Factor", "Univariable n", "Univariable HR (95 % CI)", "Univariable p", "Multivariable HR (95 % CI)", "Multivariable p");
        List<AnalysisDataset.Factor> usable = new ArrayList<>();
        List<String> notEstimable = new ArrayList<>();
        for (AnalysisDataset.Factor f : AnalysisDataset.FACTORS) {
            if (AnalysisDataset.hasValues(data, f.column())) {
                if (estimable(data, e, f)) {
                    usable.add(f);
                } else {
                    notEstimable.add(f.label());
                }
            }
        }
        List<String> columns = usable.stream().map(AnalysisDataset.Factor::column).toList();
        Set<String> categorical = usable.stream().filter(AnalysisDataset.Factor::categorical).map(AnalysisDataset.Factor::column)
                .collect(Collectors.toSet());
        PrognosticTable screen = null;
        String multiProblem = null;
        if (!columns.isEmpty()) {
            try {
                screen = PrognosticTable.build(data, e.time(), e.event(), columns, categorical, Map.of(), null, Ties.EFRON, ENTRY_P);
            } catch (IllegalArgumentException ex) {
                multiProblem = ex.getMessage();
                screen = PrognosticTable.build(data, e.time(), e.event(), columns, categorical, Map.of(), null, Ties.EFRON, 0.0);
            }
            if (screen.multivariable() != null && screen.multivariable().terms().stream().anyMatch(x -> !finite(x))) {
                multiProblem = "monotone likelihood (an infinite hazard ratio); fewer factors or more events are needed.";
            }
        }
        boolean multiShown = screen != null && screen.multivariable() != null && multiProblem == null;
        List<ForestPlotFigure.Row> forest = new ArrayList<>();
        if (screen != null) {
            for (PrognosticTable.Row r : screen.rows()) {
                AnalysisDataset.Factor f = factor(r.variable());
                PrognosticTable.Candidate c = candidate(screen, r.variable());
                String label = f.categorical() ? f.label() + ": " + r.term().substring(f.column().length()) + " vs " + r.reference() : f.label();
                CoxTerm m = multiShown ? r.multivariable() : null;
                t.row(label, Integer.toString(c.n()), hr(r.univariable()), Format.p(r.univariable().pWald()),
                        m == null ? "—" : hr(m), m == null ? "—" : Format.p(m.pWald()));
                CoxTerm shown = m != null ? m : r.univariable();
                forest.add(new ForestPlotFigure.Row(label + (m != null ? "" : " (univariable)"), shown.hr(), shown.hrLower95(),
                        shown.hrUpper95(), shown.pWald()));
            }
            for (PrognosticTable.Candidate c : screen.candidates()) {
                if (factor(c.variable()).categorical() && screen.rows().stream().filter(r -> r.variable().equals(c.variable())).count() > 1) {
                    t.row("  " + factor(c.variable()).label() + ", overall (joint Wald)", "", "", Format.p(c.p()), "",
                            multiShown && c.entered() ? Format.p(c.pMultivariable()) : "");
                }
            }
        }
        if (!notEstimable.isEmpty()) {
            t.note("Not estimable on this cohort (no events, no variation among the patients with data, or an infinite hazard ratio): "
                    + String.join(", ", notEstimable) + ".");
        }
        List<String> entered = screen == null ? List.of() : screen.candidates().stream().filter(PrognosticTable.Candidate::entered)
                .map(c -> factor(c.variable()).label()).toList();
        String multiNote;
        if (entered.isEmpty() || (screen != null && screen.multivariable() == null && multiProblem == null)) {
            multiNote = "; none did, so no multivariable model was fitted.";
        } else if (!multiShown) {
            multiNote = ": " + String.join(", ", entered) + "; the multivariable model could not be fitted: " + multiProblem;
        } else {
            CoxFit multi = screen.multivariable();
            List<String> enteredColumns = screen.candidates().stream().filter(PrognosticTable.Candidate::entered)
                    .map(PrognosticTable.Candidate::variable).toList();
            SurvivalFrame frame = SurvivalFrame.from(data, e.time(), e.event(), null, null, enteredColumns,
                    enteredColumns.stream().filter(categorical::contains).toList(), Map.of());
            ZphResult zph = CoxZph.test(frame, multi);
            multiNote = ": " + String.join(", ", entered) + "; complete cases n = " + multi.n() + " (" + screen.multivariableDropped()
                    + " excluded for missing values), events = " + multi.nevent() + ", likelihood-ratio test p "
                    + Format.p(multi.lrTest().p()) + ", concordance " + Format.num(multi.concordance().cIndex(), 3)
                    + "; proportional-hazards check (scaled Schoenfeld residuals, as R cox.zph): global p " + Format.p(zph.global().p()) + ".";
        }
        t.note("Univariable models use the patients with the factor recorded (n column; of " + data.rowCount()
                + "). Factors with univariable p < " + ENTRY_P + " entered the multivariable model" + multiNote);
        t.note("HR > 1 = higher hazard of the event. Cox proportional hazards (Efron ties), Wald p values; a categorical factor "
                + "is compared with its first level in alphabetical order, its overall p is the joint Wald test.");
        Figure fig = new ForestPlotFigure("forest_" + e.shortLabel().toLowerCase(Locale.ROOT),
                "Hazard ratios for " + endpoint + " (multivariable where entered, else univariable)", "Hazard ratios, " + endpoint, forest);
        return new Result(t.build(), fig);
    }

    /** Whether the factor's univariable model can be fitted with finite hazard ratios. */
    private static boolean estimable(DataTable data, SurvivalTables.Endpoint e, AnalysisDataset.Factor f) {
        try {
            SurvivalFrame frame = SurvivalFrame.from(data, e.time(), e.event(), null, null, List.of(f.column()),
                    f.categorical() ? Set.of(f.column()) : Set.of(), Map.of());
            return CoxModel.fit(frame, Ties.EFRON).terms().stream().allMatch(PrognosticFactorTable::finite);
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** A coefficient whose hazard ratio and limits are finite and positive (R warns of a monotone likelihood otherwise). */
    private static boolean finite(CoxTerm t) {
        return Double.isFinite(t.hr()) && t.hrLower95() > 0 && Double.isFinite(t.hrUpper95());
    }

    private static AnalysisDataset.Factor factor(String column) {
        return AnalysisDataset.FACTORS.stream().filter(f -> f.column().equals(column)).findFirst().orElseThrow();
    }

    private static PrognosticTable.Candidate candidate(PrognosticTable screen, String column) {
        return screen.candidates().stream().filter(c -> c.variable().equals(column)).findFirst().orElseThrow();
    }

    private static String hr(CoxTerm t) {
        return Format.num(t.hr(), 2) + " (" + Format.num(t.hrLower95(), 2) + "–" + Format.num(t.hrUpper95(), 2) + ")";
    }
}
