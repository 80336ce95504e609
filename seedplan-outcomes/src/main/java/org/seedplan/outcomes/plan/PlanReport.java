package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan.Output;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.Table;
import org.seedplan.stats.data.DataTable;

/**
 * Runs an {@link AnalysisPlan} on a cohort: builds the {@link PlanDataset} and the tables and figures the plan
 * lists, in its order, as a {@link CohortReport} (written by the report writer: Markdown, CSV, XLSX, SVG, PNG, PDF).
 * Tables hold numbers in value columns; the analysis dataset is exported for re-analysis in R or SPSS.
 */
public final class PlanReport {

    private PlanReport() {
    }

    /** The report of {@code plan} on {@code data}. */
    public static CohortReport run(AnalysisPlan plan, ImportedCohort data) {
        PlanDataset ds = PlanDataset.build(plan, data);
        DataTable unit = plan.unit() == AnalysisPlan.Unit.LESION ? ds.lesions() : ds.patients();
        List<Table> tables = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        PlanSurvival.Result survival = plan.endpoints().isEmpty() ? null : PlanSurvival.build(plan, ds);
        PlanCox.Result cox = plan.cox() == null ? null : PlanCox.build(plan, ds);
        for (Output o : plan.outputs()) {
            switch (o) {
                case BASELINE -> tables.add(PlanBaseline.build(plan, unit));
                case SURVIVAL -> {
                    tables.add(survival.survival());
                    if (survival.incidence() != null) {
                        tables.add(survival.incidence());
                    }
                }
                case KM -> figures.addAll(survival.figures());
                case FOLLOWUP -> tables.add(survival.followUp());
                case COX -> tables.add(cox.table());
                case FOREST -> figures.addAll(cox.forests());
                case RESPONSE -> tables.add(PlanResponse.build(plan, data.cohort().patients()));
                case DESCRIBE -> {
                    PlanDescribe.Result d = PlanDescribe.build(plan, data, plan.describe());
                    tables.add(d.table());
                    figures.addAll(d.figures());
                }
                case NRS -> PlanDescribe.build(plan, data, List.of("nrs_pain")).figures().stream()
                        .filter(f -> figures.stream().noneMatch(g -> g.name().equals(f.name()))).forEach(figures::add);
                case QLQ -> {
                    PlanQol.Result q = PlanQol.build(plan, data.cohort().patients());
                    tables.add(q.table());
                    figures.addAll(q.figures());
                }
            }
        }
        if (!ds.notes().isEmpty() && !tables.isEmpty()) {
            Table first = tables.get(0);
            List<String> notes = new ArrayList<>(first.notes());
            notes.addAll(ds.notes());
            tables.set(0, new Table(first.name(), first.title(), first.header(), first.rows(), notes));
        }
        List<Table> exports = new ArrayList<>(List.of(export(ds.patients(), "analysis_dataset",
                "Analysis dataset (one row per patient; endpoint times in days from their origin)")));
        if (plan.unit() == AnalysisPlan.Unit.LESION || plan.endpoints().stream().anyMatch(e -> e.unit() == AnalysisPlan.Unit.LESION)) {
            exports.add(export(ds.lesions(), "lesion_dataset", "Lesion dataset (one row per baseline lesion with its patient's variables)"));
        }
        return new CohortReport(plan.title(), data.source(), tables, exports, figures);
    }

    private static Table export(DataTable d, String name, String title) {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < d.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (String c : d.columnNames()) {
                String v = d.cell(r, c);
                row.add(v == null ? "NA" : v);
            }
            rows.add(row);
        }
        return new Table(name, title, d.columnNames(), rows, List.of("NA = missing; _event columns: 1 = event, 0 = censored."));
    }
}
