package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.outcomes.plan.AnalysisPlan.TimePoint;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.Table;
import org.seedplan.outcomes.report.TimePointFigure;
import org.seedplan.outcomes.scales.QlqC30Scoring;
import org.seedplan.outcomes.scales.QlqScale;
import org.seedplan.stats.descriptive.Descriptives;

/**
 * EORTC QLQ-C30 per domain at baseline and at the plan's time points (scores by {@link QlqC30Scoring}): mean, SD,
 * median and quartiles per scale, the paired test against baseline, and one figure per domain group (global and
 * functional scales; symptom scales) with significance marks.
 */
final class PlanQol {

    /** Result: the table and the two figures. */
    record Result(Table table, List<Figure> figures) {
    }

    private PlanQol() {
    }

    static Result build(AnalysisPlan plan, List<Patient> patients) {
        List<TimePoint> tps = plan.timePoints();
        Table.Builder t = Table.builder("qlq_c30", "EORTC QLQ-C30 scales by time point", "scale", "time_point", "n", "mean", "sd",
                "median", "p25", "p75", "pairs", "test", "statistic", "p");
        List<TimePointFigure.Series> functional = new ArrayList<>();
        List<TimePointFigure.Series> symptoms = new ArrayList<>();
        for (QlqScale s : QlqScale.values()) {
            double[][] v = new double[tps.size() + 1][patients.size()];
            for (int i = 0; i < patients.size(); i++) {
                Patient p = patients.get(i);
                v[0][i] = score(s, p.baselineVisit().orElse(null));
                for (int k = 0; k < tps.size(); k++) {
                    FollowUp f = VisitValues.visit(p, tps.get(k), x -> !Double.isNaN(score(s, x)));
                    v[k + 1][i] = score(s, f);
                }
            }
            double[] mean = new double[tps.size() + 1];
            double[] sd = new double[tps.size() + 1];
            int[] n = new int[tps.size() + 1];
            double[] ps = new double[tps.size() + 1];
            for (int k = 0; k <= tps.size(); k++) {
                Descriptives.MeanSd m = Descriptives.meanSd(v[k]);
                Descriptives.MedianIqr q = Descriptives.medianIqr(v[k], plan.quantiles());
                mean[k] = m.mean();
                sd[k] = m.sd();
                n[k] = m.n();
                ps[k] = Double.NaN;
                List<String> row = new ArrayList<>(List.of(s.name(), k == 0 ? "baseline" : tps.get(k - 1).label(), Values.of(m.n()),
                        Values.of(m.mean()), Values.of(m.sd()), Values.of(q.median()), Values.of(q.p25()), Values.of(q.p75())));
                List<double[]> pairs = k == 0 ? null : pairs(v[0], v[k]);
                if (pairs != null && pairs.get(0).length >= 2) {
                    TestChoice.Outcome o = TestChoice.paired(pairs.get(1), pairs.get(0), plan.tests());
                    ps[k] = o.p();
                    row.addAll(List.of(Values.of(pairs.get(0).length), o.test(), Values.of(o.statistic()), Values.of(o.p())));
                } else {
                    row.addAll(List.of(pairs == null ? "" : Values.of(pairs.get(0).length), "", "", ""));
                }
                t.row(row);
            }
            TimePointFigure.Series series = new TimePointFigure.Series(s.title(), mean, sd, n, ps);
            (s.kind() == QlqScale.Kind.SYMPTOM ? symptoms : functional).add(series);
        }
        t.note("Scores 0–100 by the EORTC scoring manual (3rd ed.); a scale is missing when fewer than half its items are answered. "
                + TestChoice.rule(plan.tests()));
        List<String> labels = new ArrayList<>(List.of("Baseline"));
        tps.forEach(tp -> labels.add(tp.label()));
        List<Figure> figures = List.of(
                new TimePointFigure("qlq_functional", "QLQ-C30 global health and functional scales", "QLQ-C30: global health status and "
                        + "functional scales", "Score (0–100, higher = better)", 0, 100, labels, functional, plan.tests().alpha()),
                new TimePointFigure("qlq_symptoms", "QLQ-C30 symptom scales", "QLQ-C30: symptom scales",
                        "Score (0–100, higher = worse)", 0, 100, labels, symptoms, plan.tests().alpha()));
        return new Result(t.build(), figures);
    }

    private static double score(QlqScale s, FollowUp f) {
        if (f == null || f.qlqItems().isEmpty()) {
            return Double.NaN;
        }
        Double d = QlqC30Scoring.score(s, f.qlqItems());
        return d == null ? Double.NaN : d;
    }

    private static List<double[]> pairs(double[] base, double[] at) {
        List<Double> b = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        for (int i = 0; i < base.length; i++) {
            if (!Double.isNaN(base[i]) && !Double.isNaN(at[i])) {
                b.add(base[i]);
                a.add(at[i]);
            }
        }
        return List.of(b.stream().mapToDouble(Double::doubleValue).toArray(), a.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
