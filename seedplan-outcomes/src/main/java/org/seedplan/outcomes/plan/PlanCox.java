package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.seedplan.outcomes.plan.AnalysisPlan.Endpoint;
import org.seedplan.outcomes.plan.AnalysisPlan.FactorSpec;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.ForestPlotFigure;
import org.seedplan.outcomes.report.Table;
import org.seedplan.stats.cox.CoxModel;
import org.seedplan.stats.cox.CoxTerm;
import org.seedplan.stats.cox.PrognosticTable;
import org.seedplan.stats.cox.Ties;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * The plan's Cox screen per endpoint (seedplan-stats' {@link PrognosticTable}, Efron ties as R's coxph): each
 * factor alone, then those with univariable p below the plan's entry p together; reference levels as the plan
 * sets them. Factors that cannot be estimated (no variation, no events, infinite HR) are listed, not fitted.
 */
final class PlanCox {

    /** Result: the table and one forest plot per endpoint. */
    record Result(Table table, List<Figure> forests) {
    }

    private PlanCox() {
    }

    static Result build(AnalysisPlan plan, PlanDataset ds) {
        Table.Builder t = Table.builder("cox", "Prognostic factors (Cox regression)", "endpoint", "factor", "term", "reference", "n",
                "events", "hr", "hr_lower", "hr_upper", "p", "factor_p", "multi_hr", "multi_lower", "multi_upper", "multi_p");
        List<Figure> forests = new ArrayList<>();
        List<Endpoint> endpoints = plan.endpoints().stream()
                .filter(e -> plan.cox().endpoints().isEmpty() || plan.cox().endpoints().contains(e.name())).toList();
        boolean clustered = false;
        for (Endpoint e : endpoints) {
            DataTable data = ds.rowsOf(e);
            String cluster = e.unit() == AnalysisPlan.Unit.LESION ? "patient_id" : null;
            clustered |= cluster != null;
            String time = e.name() + "_days";
            String event = e.name() + "_event";
            List<FactorSpec> usable = new ArrayList<>();
            List<String> notEstimable = new ArrayList<>();
            List<String> lesionFactors = new ArrayList<>();
            for (String name : plan.cox().factors()) {
                FactorSpec f = plan.factors().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                if (!data.hasColumn(f.name())) {
                    lesionFactors.add(f.label());
                } else if (estimable(data, time, event, f)) {
                    usable.add(f);
                } else {
                    notEstimable.add(f.label());
                }
            }
            if (!lesionFactors.isEmpty()) {
                t.note(e.label() + ": per patient, so not the lesion factors " + String.join(", ", lesionFactors) + ".");
            }
            if (usable.isEmpty()) {
                t.note(e.label() + ": no factor could be estimated (" + String.join(", ", notEstimable) + ").");
                continue;
            }
            List<String> columns = usable.stream().map(FactorSpec::name).toList();
            Set<String> categorical = usable.stream().filter(f -> !f.continuous()).map(FactorSpec::name).collect(Collectors.toSet());
            Map<String, String> refs = new HashMap<>();
            usable.stream().filter(f -> f.reference() != null && !f.continuous()).forEach(f -> refs.put(f.name(), f.reference()));
            PrognosticTable screen;
            boolean failed = false;
            try {
                screen = PrognosticTable.build(data, time, event, columns, categorical, refs, null, Ties.EFRON, plan.cox().entryP(),
                        cluster);
            } catch (IllegalArgumentException ex) {
                t.note(e.label() + ": the multivariable model could not be fitted (" + ex.getMessage() + "); univariable results only.");
                screen = PrognosticTable.build(data, time, event, columns, categorical, refs, null, Ties.EFRON, 0.0, cluster);
                failed = true;
            }
            List<ForestPlotFigure.Row> rows = new ArrayList<>();
            for (PrognosticTable.Row r : screen.rows()) {
                FactorSpec f = usable.stream().filter(x -> x.name().equals(r.variable())).findFirst().orElseThrow();
                PrognosticTable.Candidate c = screen.candidates().stream().filter(x -> x.variable().equals(r.variable())).findFirst()
                        .orElseThrow();
                String level = categorical.contains(f.name()) ? r.term().substring(f.name().length()) : "";
                CoxTerm u = r.univariable();
                CoxTerm m = r.multivariable();
                t.row(e.name(), f.name(), categorical.contains(f.name()) ? level : f.name() + " (per unit)",
                        r.reference() == null ? "" : r.reference(), Values.of(c.n()), Values.of(events(data, time, event, f.name())),
                        Values.of(u.hr()), Values.of(u.hrLower95()), Values.of(u.hrUpper95()), Values.of(u.pWald()), Values.of(c.p()),
                        m == null ? "" : Values.of(m.hr()), m == null ? "" : Values.of(m.hrLower95()),
                        m == null ? "" : Values.of(m.hrUpper95()), m == null ? "" : Values.of(m.pWald()));
                CoxTerm shown = m != null ? m : u;
                String label = !categorical.contains(f.name()) ? f.label() + " (per unit)"
                        : f.cuts().size() == 1 ? f.label() : f.label() + ": " + level + " vs " + r.reference();
                rows.add(new ForestPlotFigure.Row(label + (m != null ? "" : " (univariable)"), shown.hr(), shown.hrLower95(),
                        shown.hrUpper95(), shown.pWald()));
            }
            forests.add(new ForestPlotFigure("forest_" + e.name(), "Hazard ratios for " + e.label()
                    + " (multivariable where entered, else univariable)", "Hazard ratios, " + e.label(), rows));
            if (!notEstimable.isEmpty()) {
                t.note(e.label() + ": not estimable on this cohort (no variation, no events or an infinite HR): "
                        + String.join(", ", notEstimable) + ".");
            }
            if (screen.multivariable() != null) {
                t.note(e.label() + ": multivariable model of the factors with univariable p < " + Values.of(plan.cox().entryP()) + ", n = "
                        + screen.multivariable().n() + " (" + screen.multivariableDropped() + " excluded for missing values), events = "
                        + screen.multivariable().nevent() + ".");
            } else if (!failed) {
                t.note(e.label() + ": no factor had univariable p < " + Values.of(plan.cox().entryP()) + "; no multivariable model.");
            }
        }
        t.note("Cox proportional hazards, Efron ties (R coxph default); Wald p per term; factor_p = joint Wald p of a categorical "
                + "factor (equal to p for two levels). n and events per univariable model (complete cases).");
        if (clustered) {
            t.note("Per-lesion endpoints: n and events count lesions; lesions of one patient are not independent, so CIs and p use the "
                    + "robust (sandwich) variance clustered by patient, as R coxph(..., cluster = patient_id).");
        }
        return new Result(t.build(), forests);
    }

    private static int events(DataTable data, String time, String event, String factor) {
        SurvivalFrame f = SurvivalFrame.from(data, time, event, factor, null, List.of(), Set.of(), Map.of());
        int n = 0;
        for (boolean b : f.event()) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static boolean estimable(DataTable data, String time, String event, FactorSpec f) {
        try {
            SurvivalFrame frame = SurvivalFrame.from(data, time, event, null, null, List.of(f.name()),
                    f.continuous() ? Set.of() : Set.of(f.name()), f.reference() == null || f.continuous() ? Map.of() : Map.of(f.name(), f.reference()));
            return CoxModel.fit(frame, Ties.EFRON).terms().stream()
                    .allMatch(x -> Double.isFinite(x.hr()) && x.hrLower95() > 0 && Double.isFinite(x.hrUpper95()));
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
