package org.seedplan.cli.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seedplan.stats.data.CompleteCases;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.Factor;
import org.seedplan.stats.tests.Anova;
import org.seedplan.stats.tests.ChiSquareResult;
import org.seedplan.stats.tests.ContingencyTests;
import org.seedplan.stats.tests.FisherResult;
import org.seedplan.stats.tests.GroupTestResult;
import org.seedplan.stats.tests.KruskalWallis;
import org.seedplan.stats.tests.MannWhitney;
import org.seedplan.stats.tests.NormalityResult;
import org.seedplan.stats.tests.NormalityTests;
import org.seedplan.stats.tests.RankSumResult;
import org.seedplan.stats.tests.SignedRankResult;
import org.seedplan.stats.tests.TTestResult;
import org.seedplan.stats.tests.TTests;
import org.seedplan.stats.tests.WilcoxonSignedRank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedplan stats test}: classical hypothesis tests on table columns, as R computes them. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Classical tests (two-sided), numbers as R:",
                "  paired-t, wilcoxon-paired    --columns X,Y        (one row per subject)",
                "  t-test, mann-whitney, kruskal, anova  --columns VALUE,GROUP",
                "  chisq, fisher                --columns ROWVAR,COLVAR",
                "  ks-normal, shapiro           --columns X",
                "Rows with a missing value in the named columns are dropped (complete cases)."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TEST",
            description = "paired-t | wilcoxon-paired | t-test | mann-whitney | kruskal | anova | chisq | fisher | ks-normal | shapiro")
    String test;

    @Mixin
    DataOptions in;

    @Option(names = "--columns", required = true, split = ",", paramLabel = "COL", description = "columns, see above")
    List<String> columns;

    @Option(names = "--exact", paramLabel = "BOOL",
            description = "Wilcoxon / Mann-Whitney: true or false forces the exact or the normal p (default: R's rule)")
    Boolean exact;

    @Option(names = "--correct", defaultValue = "true", paramLabel = "BOOL", arity = "1",
            description = "continuity correction (Wilcoxon, Mann-Whitney normal p; Yates for 2x2 chisq) (default ${DEFAULT-VALUE})")
    boolean correct;

    @Option(names = "--equal-var", description = "t-test: pooled variance (Student) instead of Welch")
    boolean equalVar;

    @Override
    public Integer call() {
        DataTable table = in.read();
        String kind = test.toLowerCase(Locale.ROOT);
        int need = switch (kind) {
            case "ks-normal", "shapiro" -> 1;
            case "paired-t", "wilcoxon-paired", "t-test", "mann-whitney", "kruskal", "anova", "chisq", "fisher" -> 2;
            default -> throw new IllegalArgumentException("unknown test '" + test
                    + "'; fix: use paired-t, wilcoxon-paired, t-test, mann-whitney, kruskal, anova, chisq, fisher, ks-normal or shapiro");
        };
        if (columns.size() != need) {
            throw new IllegalArgumentException("test " + kind + " needs " + need + " column(s) in --columns, got "
                    + columns + "; fix: see 'seedplan stats test --help'");
        }
        CompleteCases cc = table.completeCases(columns);
        DataTable t = cc.table();
        if (t.rowCount() == 0) {
            throw new IllegalArgumentException(table.source() + ": no row has all of " + columns + "; fix: fill in the data");
        }
        Map<String, Object> out = Output.object();
        out.put("test", kind);
        switch (kind) {
            case "paired-t" -> tTest(out, TTests.paired(t.numeric(columns.get(0)), t.numeric(columns.get(1))));
            case "wilcoxon-paired" -> {
                SignedRankResult r = WilcoxonSignedRank.test(t.numeric(columns.get(0)), t.numeric(columns.get(1)), exact,
                        correct);
                out.put("method", r.method());
                out.put("statistic", r.v());
                out.put("p", Output.num(r.p()));
                out.put("V", r.v());
                out.put("n_nonzero_differences", r.nNonzero());
                out.put("exact", r.exact());
                out.put("z_normal_approx", Output.num(r.zNormal()));
            }
            case "t-test" -> {
                List<double[]> g = groups(t, 2);
                tTest(out, equalVar ? TTests.student(g.get(0), g.get(1)) : TTests.welch(g.get(0), g.get(1)));
                out.put("groups", Factor.of(columns.get(1), t.text(columns.get(1))).levels());
            }
            case "mann-whitney" -> {
                List<double[]> g = groups(t, 2);
                RankSumResult r = MannWhitney.test(g.get(0), g.get(1), exact, correct);
                out.put("method", r.method());
                out.put("statistic", r.w());
                out.put("p", Output.num(r.p()));
                out.put("W", r.w());
                out.put("U_other", r.uOther());
                out.put("U_min", r.uMin());
                out.put("n_x", r.nX());
                out.put("n_y", r.nY());
                out.put("exact", r.exact());
                out.put("z_normal_approx", Output.num(r.zNormal()));
                out.put("groups", Factor.of(columns.get(1), t.text(columns.get(1))).levels());
            }
            case "kruskal", "anova" -> {
                List<double[]> g = groups(t, -1);
                GroupTestResult r = kind.equals("kruskal") ? KruskalWallis.test(g) : Anova.oneWay(g);
                out.put("method", r.method());
                out.put("statistic", r.statistic());
                out.put("p", Output.num(r.p()));
                out.put("df", r.df());
                if (kind.equals("anova")) {
                    out.put("df2", r.df2());
                }
                out.put("groups", Factor.of(columns.get(1), t.text(columns.get(1))).levels());
            }
            case "chisq", "fisher" -> {
                Factor rows = Factor.of(columns.get(0), t.text(columns.get(0)));
                Factor cols = Factor.of(columns.get(1), t.text(columns.get(1)));
                long[][] counts = new long[rows.levelCount()][cols.levelCount()];
                for (int i = 0; i < t.rowCount(); i++) {
                    counts[rows.codes()[i]][cols.codes()[i]]++;
                }
                if (kind.equals("chisq")) {
                    ChiSquareResult r = ContingencyTests.chiSquare(counts, correct);
                    out.put("method", r.method());
                    out.put("statistic", r.chisq());
                    out.put("p", Output.num(r.p()));
                    out.put("df", r.df());
                    out.put("expected", r.expected());
                    out.put("min_expected", r.minExpected());
                } else {
                    FisherResult r = ContingencyTests.fisher(counts);
                    out.put("method", "Fisher's Exact Test for Count Data");
                    out.put("statistic", Output.num(r.oddsRatio()));
                    out.put("p", Output.num(r.p()));
                    out.put("odds_ratio", Output.num(r.oddsRatio()));
                    out.put("ci95", Output.nums(r.ciLower(), r.ciUpper()));
                }
                out.put("table", counts);
                out.put("row_names", rows.levels());
                out.put("col_names", cols.levels());
            }
            default -> {
                NormalityResult r = NormalityTests.test(t.numeric(columns.get(0)));
                if (kind.equals("shapiro")) {
                    out.put("method", "Shapiro-Wilk normality test");
                    out.put("statistic", Output.num(r.shapiroW()));
                    out.put("p", Output.num(r.shapiroP()));
                    out.put("W", Output.num(r.shapiroW()));
                } else {
                    out.put("method", "Kolmogorov-Smirnov against N(mean, sd), with Lilliefors p");
                    out.put("statistic", r.ksD());
                    out.put("p", Output.num(r.ksP()));
                    out.put("D", r.ksD());
                    out.put("p_lilliefors", Output.num(r.lillieforsP()));
                    out.put("exact", r.ksExact());
                }
                out.put("mean", r.mean());
                out.put("sd", r.sd());
            }
        }
        out.put("n", t.rowCount());
        out.put("rows_dropped", cc.dropped());
        if (in.json) {
            Output.printJson(out);
            return 0;
        }
        Output.dropped(cc.dropped(), columns);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", ""});
        out.forEach((k, v) -> rows.add(new String[] {k, text(v)}));
        Output.table(rows.subList(1, rows.size()));
        return 0;
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return Output.fmt(d);
        }
        if (v instanceof double[][] m) {
            return java.util.Arrays.deepToString(m);
        }
        if (v instanceof long[][] m) {
            return java.util.Arrays.deepToString(m);
        }
        return String.valueOf(v);
    }

    private static void tTest(Map<String, Object> out, TTestResult r) {
        out.put("method", r.method().strip());
        out.put("statistic", r.t());
        out.put("p", Output.num(r.p()));
        out.put("t", r.t());
        out.put("df", r.df());
        out.put("estimate", Output.nums(r.estimate()));
        out.put("ci95", Output.nums(r.ciLower(), r.ciUpper()));
        out.put("stderr", r.stderr());
    }

    /** Values of column 0 split by the levels of column 1 (R's factor order); {@code expected} levels or -1 for any. */
    private List<double[]> groups(DataTable t, int expected) {
        double[] v = t.numeric(columns.get(0));
        Factor g = Factor.of(columns.get(1), t.text(columns.get(1)));
        if (expected > 0 && g.levelCount() != expected) {
            throw new IllegalArgumentException(t.source() + ": column '" + columns.get(1) + "' has " + g.levelCount()
                    + " groups " + g.levels() + ", the test compares " + expected + "; fix: select two groups or use kruskal");
        }
        List<double[]> out = new ArrayList<>();
        int[] n = g.counts();
        for (int k = 0; k < g.levelCount(); k++) {
            double[] vals = new double[n[k]];
            int m = 0;
            for (int i = 0; i < v.length; i++) {
                if (g.codes()[i] == k) {
                    vals[m++] = v[i];
                }
            }
            out.add(vals);
        }
        return out;
    }
}
