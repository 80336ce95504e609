package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.seedplan.outcomes.plan.AnalysisPlan.FactorSpec;
import org.seedplan.outcomes.report.Table;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.Levels;
import org.seedplan.stats.descriptive.Descriptives;

/**
 * The baseline table of a plan, per unit (patient or lesion): numbers as n, missing, mean, SD, median, P25, P75,
 * min, max; categories as n and % of the non-missing; for all rows and, with {@code compare_by}, per group with
 * the test the plan's rule chooses.
 */
final class PlanBaseline {

    private PlanBaseline() {
    }

    static Table build(AnalysisPlan plan, DataTable data) {
        Table.Builder t = Table.builder("baseline", "Baseline characteristics (per " + plan.unit().name().toLowerCase(java.util.Locale.ROOT)
                + ")", "variable", "level", "group", "n", "percent", "missing", "mean", "sd", "median", "p25", "p75", "min", "max", "test",
                "statistic", "p");
        String by = plan.compareBy();
        List<String> groups = new ArrayList<>();
        if (by != null) {
            Set<String> present = new LinkedHashSet<>();
            for (String v : data.text(by)) {
                if (v != null) {
                    present.add(v);
                }
            }
            groups.addAll(Levels.sorted(present));
        }
        for (String var : plan.baseline()) {
            boolean numeric = numeric(plan, data, var);
            List<String> cells = new ArrayList<>();
            cells.add("All");
            cells.addAll(groups);
            TestChoice.Outcome test = null;
            if (by != null && groups.size() > 1) {
                test = numeric ? TestChoice.groups(groupValues(data, var, by, groups), plan.tests())
                        : TestChoice.categories(crossTable(data, var, by, groups), plan.tests());
            }
            boolean first = true;
            if (numeric) {
                for (String g : cells) {
                    double[] x = values(data, var, by, g);
                    Descriptives.MeanSd m = Descriptives.meanSd(x);
                    Descriptives.MedianIqr q = Descriptives.medianIqr(x, plan.quantiles());
                    List<String> r = new ArrayList<>(List.of(var, "", g, Values.of(m.n()), "", Values.of(m.missing()), Values.of(m.mean()),
                            Values.of(m.sd()), Values.of(q.median()), Values.of(q.p25()), Values.of(q.p75()), Values.of(q.min()),
                            Values.of(q.max())));
                    r.addAll(testCells(first ? test : null));
                    t.row(r);
                    first = false;
                }
            } else {
                List<String> levels = Levels.sorted(new LinkedHashSet<>(present(data.text(var))));
                for (String g : cells) {
                    Descriptives.Frequencies f = Descriptives.counts(select(data, var, by, g), levels);
                    for (Descriptives.Count c : f.counts()) {
                        List<String> r = new ArrayList<>(List.of(var, c.level(), g, Values.of(c.n()), Values.of(c.percent()),
                                Values.of(f.missing()), "", "", "", "", "", "", ""));
                        r.addAll(testCells(first ? test : null));
                        t.row(r);
                        first = false;
                    }
                }
            }
        }
        t.note("Quartiles: " + (plan.quantiles() == org.seedplan.stats.descriptive.QuantileType.TYPE6_SPSS
                ? "SPSS definition (Hyndman–Fan type 6)" : "R's default (Hyndman–Fan type 7)") + "; SD with n − 1; percent of the "
                + "non-missing values.");
        if (by != null) {
            t.note("Groups by " + by + "; " + TestChoice.rule(plan.tests()));
        }
        return t.build();
    }

    private static List<String> testCells(TestChoice.Outcome o) {
        return o == null ? List.of("", "", "") : List.of(o.test(), Values.of(o.statistic()), Values.of(o.p()));
    }

    private static boolean numeric(AnalysisPlan plan, DataTable data, String var) {
        for (FactorSpec f : plan.factors()) {
            if (f.name().equals(var)) {
                return f.continuous();
            }
        }
        for (String v : data.text(var)) {
            if (v != null) {
                try {
                    Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> present(String[] v) {
        List<String> out = new ArrayList<>();
        for (String s : v) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static String[] select(DataTable data, String var, String by, String group) {
        String[] v = data.text(var);
        if (group.equals("All")) {
            return v;
        }
        String[] g = data.text(by);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (group.equals(g[i])) {
                out.add(v[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static double[] values(DataTable data, String var, String by, String group) {
        String[] s = select(data, var, by, group);
        double[] x = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = s[i] == null ? Double.NaN : Double.parseDouble(s[i]);
        }
        return x;
    }

    private static List<double[]> groupValues(DataTable data, String var, String by, List<String> groups) {
        List<double[]> out = new ArrayList<>();
        for (String g : groups) {
            out.add(java.util.Arrays.stream(values(data, var, by, g)).filter(d -> !Double.isNaN(d)).toArray());
        }
        return out;
    }

    private static long[][] crossTable(DataTable data, String var, String by, List<String> groups) {
        List<String> levels = Levels.sorted(new LinkedHashSet<>(present(data.text(var))));
        long[][] t = new long[levels.size()][groups.size()];
        String[] v = data.text(var);
        String[] g = data.text(by);
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null && g[i] != null) {
                t[levels.indexOf(v[i])][groups.indexOf(g[i])]++;
            }
        }
        return t;
    }
}
