package org.seedplan.outcomes.plan;

import java.util.List;
import org.seedplan.outcomes.plan.AnalysisPlan.TestRules;
import org.seedplan.stats.tests.Anova;
import org.seedplan.stats.tests.ChiSquareResult;
import org.seedplan.stats.tests.ContingencyTests;
import org.seedplan.stats.tests.KruskalWallis;
import org.seedplan.stats.tests.MannWhitney;
import org.seedplan.stats.tests.NormalityTests;
import org.seedplan.stats.tests.TTests;
import org.seedplan.stats.tests.WilcoxonSignedRank;

/**
 * Chooses and runs a plan's test by its stated rule (all as R computes them): groups of a number —
 * Shapiro–Wilk p ≥ alpha in every group (n ≥ 3) gives Welch's t test (two groups) or one-way ANOVA, otherwise
 * Mann–Whitney or Kruskal–Wallis; categories — χ² (Yates for 2 × 2, R's default) unless an expected count is
 * below the plan's limit, then Fisher's exact test; paired values — Shapiro–Wilk on the differences chooses the
 * paired t test or the Wilcoxon signed-rank test.
 */
final class TestChoice {

    /** A test result: name, statistic and p. */
    record Outcome(String test, double statistic, double p) {
    }

    private TestChoice() {
    }

    static String rule(TestRules r) {
        return "Tests: numbers — " + (r.normalityCheck() ? "Shapiro–Wilk p ≥ " + Values.of(r.alpha())
                + " in every group → Welch t (2 groups) or one-way ANOVA, else " : "") + "Mann–Whitney (2 groups) or Kruskal–Wallis;"
                + " categories — χ² (Yates for 2 × 2) unless an expected count < " + Values.of(r.fisherBelowExpected())
                + ", then Fisher's exact test; paired — Shapiro–Wilk on the differences p ≥ " + Values.of(r.alpha())
                + " → paired t, else Wilcoxon signed-rank. Two-sided.";
    }

    static Outcome groups(List<double[]> groups, TestRules r) {
        boolean normal = r.normalityCheck() && groups.stream().allMatch(g -> g.length >= 3 && normal(g, r));
        if (groups.size() == 2) {
            if (normal) {
                var t = TTests.welch(groups.get(0), groups.get(1));
                return new Outcome("Welch t", t.t(), t.p());
            }
            var w = MannWhitney.test(groups.get(0), groups.get(1));
            return new Outcome("Mann–Whitney", w.w(), w.p());
        }
        var g = normal ? Anova.oneWay(groups) : KruskalWallis.test(groups);
        return new Outcome(normal ? "ANOVA" : "Kruskal–Wallis", g.statistic(), g.p());
    }

    static Outcome categories(long[][] table, TestRules r) {
        ChiSquareResult chi = ContingencyTests.chiSquare(table, true);
        boolean small = false;
        for (double[] row : chi.expected()) {
            for (double e : row) {
                small |= e < r.fisherBelowExpected();
            }
        }
        if (small) {
            return new Outcome("Fisher exact", Double.NaN, ContingencyTests.fisher(table).p());
        }
        return new Outcome(table.length == 2 && table[0].length == 2 ? "χ² (Yates)" : "χ²", chi.chisq(), chi.p());
    }

    static Outcome paired(double[] x, double[] y, TestRules r) {
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        if (r.normalityCheck() && d.length >= 3 && normal(d, r)) {
            var t = TTests.paired(x, y);
            return new Outcome("paired t", t.t(), t.p());
        }
        var w = WilcoxonSignedRank.test(x, y);
        return new Outcome("Wilcoxon signed-rank", w.v(), w.p());
    }

    private static boolean normal(double[] x, TestRules r) {
        double min = java.util.Arrays.stream(x).min().orElse(0);
        double max = java.util.Arrays.stream(x).max().orElse(0);
        if (min == max) {
            return false;
        }
        double p = NormalityTests.test(x).shapiroP();
        return !Double.isNaN(p) && p >= r.alpha();
    }
}
