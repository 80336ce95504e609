package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan.TimePoint;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.TimePointFigure;
import org.seedplan.outcomes.report.Table;
import org.seedplan.stats.descriptive.Descriptives;

/**
 * Visit-level variables at baseline and at each plan time point: n, mean, SD, median, P25, P75, min, max, and
 * the paired test against baseline on the patients with both values (the plan's rule chooses the test).
 */
final class PlanDescribe {

    /** Result: the table and one figure per variable (mean ± SD over the time points). */
    record Result(Table table, List<Figure> figures) {
    }

    private PlanDescribe() {
    }

    static Result build(AnalysisPlan plan, ImportedCohort data, List<String> variables) {
        Table.Builder t = Table.builder("by_time_point", "Variables by time point", "variable", "time_point", "day", "n", "mean", "sd",
                "median", "p25", "p75", "min", "max", "pairs", "test", "statistic", "p");
        List<Figure> figures = new ArrayList<>();
        List<TimePoint> tps = plan.timePoints();
        for (String v : variables) {
            double[][] m = new VisitValues(data, v).matrix(tps);
            double[] ps = new double[tps.size() + 1];
            double[] mean = new double[tps.size() + 1];
            double[] sd = new double[tps.size() + 1];
            int[] n = new int[tps.size() + 1];
            for (int k = 0; k <= tps.size(); k++) {
                Descriptives.MeanSd ms = Descriptives.meanSd(m[k]);
                Descriptives.MedianIqr q = Descriptives.medianIqr(m[k], plan.quantiles());
                List<String> r = new ArrayList<>(List.of(v, k == 0 ? "baseline" : tps.get(k - 1).label(),
                        k == 0 ? "0" : Values.of(tps.get(k - 1).days()), Values.of(ms.n()), Values.of(ms.mean()), Values.of(ms.sd()),
                        Values.of(q.median()), Values.of(q.p25()), Values.of(q.p75()), Values.of(q.min()), Values.of(q.max())));
                if (k > 0) {
                    List<double[]> pairs = pairs(m[0], m[k]);
                    if (pairs.get(0).length >= 2) {
                        TestChoice.Outcome o = TestChoice.paired(pairs.get(1), pairs.get(0), plan.tests());
                        ps[k] = o.p();
                        r.addAll(List.of(Values.of(pairs.get(0).length), o.test(), Values.of(o.statistic()), Values.of(o.p())));
                    } else {
                        r.addAll(List.of(Values.of(pairs.get(0).length), "", "", ""));
                        ps[k] = Double.NaN;
                    }
                } else {
                    r.addAll(List.of("", "", "", ""));
                    ps[k] = Double.NaN;
                }
                t.row(r);
                mean[k] = ms.mean();
                sd[k] = ms.sd();
                n[k] = ms.n();
            }
            List<String> labels = new ArrayList<>(List.of("Baseline"));
            tps.forEach(tp -> labels.add(tp.label()));
            String label = plan.label(v);
            figures.add(new TimePointFigure("time_points_" + v, label + " over follow-up, mean ± SD", label + " over follow-up", label, 0,
                    axisMax(mean, sd), labels, List.of(new TimePointFigure.Series(label, mean, sd, n, ps)), plan.tests().alpha()));
        }
        t.note("A time point takes each patient's visit nearest to its day within its window ("
                + String.join("; ", tps.stream().map(tp -> tp.label() + ": day " + Values.of(tp.days()) + " ± " + Values.of(tp.windowDays()))
                .toList()) + "). Paired tests: time point vs baseline on the patients with both (pairs); statistic = t or V. "
                + TestChoice.rule(plan.tests()));
        return new Result(t.build(), figures);
    }

    private static double axisMax(double[] mean, double[] sd) {
        double max = 0;
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isNaN(mean[i])) {
                max = Math.max(max, mean[i] + (Double.isNaN(sd[i]) ? 0 : sd[i]));
            }
        }
        return max <= 10 ? 10 : Math.ceil(max / 10) * 10;
    }

    /** The complete pairs: [0] = baseline values, [1] = time-point values. */
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
