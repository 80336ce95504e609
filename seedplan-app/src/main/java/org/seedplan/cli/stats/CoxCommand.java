package org.seedplan.cli.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seedplan.stats.cox.ChiSquareStatistic;
import org.seedplan.stats.cox.CoxFit;
import org.seedplan.stats.cox.CoxModel;
import org.seedplan.stats.cox.CoxRobustVariance;
import org.seedplan.stats.cox.CoxTerm;
import org.seedplan.stats.cox.CoxZph;
import org.seedplan.stats.cox.PrognosticTable;
import org.seedplan.stats.cox.Ties;
import org.seedplan.stats.cox.ZphResult;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.SurvivalFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan stats cox}: Cox proportional-hazards regression as R's coxph, optionally with cox.zph or a univariable screen. */
@Command(name = "cox", mixinStandardHelpOptions = true,
        description = "Cox proportional-hazards model (R coxph): hazard ratios with 95%% CI, Wald, likelihood-ratio and"
                + " score tests, concordance. Rows with a missing value in the model's columns are dropped.")
public final class CoxCommand implements Callable<Integer> {

    @Mixin
    DataOptions in;

    @Mixin
    SurvivalColumns columns;

    @Option(names = "--covariates", required = true, split = ",", paramLabel = "COL",
            description = "covariate columns, comma separated")
    List<String> covariates;

    @Option(names = "--categorical", split = ",", paramLabel = "COL",
            description = "covariates to code as categories (one coefficient COLUMNlevel per non-reference level)")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--ref", paramLabel = "COL=LEVEL",
            description = "reference level of a categorical covariate (default: the first level in R's order)")
    Map<String, String> references = new LinkedHashMap<>();

    @Option(names = "--strata", paramLabel = "COL", description = "separate baseline hazard per value of this column")
    String strata;

    @Option(names = "--ties", defaultValue = "efron", paramLabel = "METHOD",
            description = "tied event times: efron (R default) or breslow (default ${DEFAULT-VALUE})")
    String ties;

    @Option(names = "--zph", description = "also test proportional hazards (R cox.zph, KM time transform)")
    boolean zph;

    @Option(names = "--cluster", paramLabel = "COL", description = "rows of one value of this column (e.g. the lesions of a patient) are"
            + " not independent: robust (sandwich) variance clustered by it, as R coxph(..., cluster = COL)")
    String cluster;

    @Option(names = "--screen", paramLabel = "P",
            description = "prognostic-factor table: fit each covariate alone, enter those with p < P into the multivariable model")
    Double screen;

    @Override
    public Integer call() {
        Ties t = Ties.parse(ties);
        DataTable table = in.read();
        if (screen != null) {
            return screen(table, t);
        }
        // the cluster column rides as the frame's group, so that it keeps the rows the complete cases keep
        SurvivalFrame f = SurvivalFrame.from(table, columns.time, columns.event, cluster, strata, covariates, categorical,
                references);
        CoxFit naive = CoxModel.fit(f, t);
        ZphResult z = zph ? CoxZph.test(f, naive) : null;
        CoxFit fit = naive;
        if (cluster != null) {
            String[] labels = new String[f.n()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = f.group().label(f.group().codes()[i]);
            }
            fit = CoxRobustVariance.clustered(naive, f, labels);
        }
        if (in.json) {
            Map<String, Object> out = json(fit, f.dropped());
            if (cluster != null) {
                out.put("cluster", cluster);
                out.put("clusters", f.group().levelCount());
            }
            if (z != null) {
                out.put("zph", zphJson(z));
            }
            Output.printJson(out);
            return 0;
        }
        Output.dropped(f.dropped(), columns());
        print(fit);
        if (cluster != null) {
            System.out.println("se(coef), z, p, CIs and Wald tests: robust variance clustered by " + cluster + " (" + f.group().levelCount()
                    + " clusters), as R coxph(..., cluster = " + cluster + ")");
        }
        if (z != null) {
            System.out.println();
            System.out.println("Proportional hazards (cox.zph, transform km):");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "chisq", "df", "p"});
            for (ZphResult.ZphTerm zt : z.terms()) {
                rows.add(new String[] {zt.term(), Output.fmt(zt.chisq()), "" + zt.df(), Output.fmt(zt.p())});
            }
            ZphResult.ZphTerm g = z.global();
            rows.add(new String[] {g.term(), Output.fmt(g.chisq()), "" + g.df(), Output.fmt(g.p())});
            Output.table(rows);
        }
        return 0;
    }

    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of(columns.time, columns.event));
        c.addAll(covariates);
        if (strata != null) {
            c.add(strata);
        }
        if (cluster != null) {
            c.add(cluster);
        }
        return c;
    }

    private int screen(DataTable table, Ties t) {
        PrognosticTable p = PrognosticTable.build(table, columns.time, columns.event, covariates, categorical, references, strata, t,
                screen, cluster);
        if (in.json) {
            Map<String, Object> out = Output.object();
            out.put("threshold", screen);
            List<Object> cands = new ArrayList<>();
            for (PrognosticTable.Candidate c : p.candidates()) {
                Map<String, Object> m = Output.object();
                m.put("variable", c.variable());
                m.put("n", c.n());
                m.put("rows_dropped", c.dropped());
                m.put("p_univariable", Output.num(c.p()));
                m.put("entered", c.entered());
                m.put("p_multivariable", Output.num(c.pMultivariable()));
                cands.add(m);
            }
            out.put("candidates", cands);
            List<Object> rows = new ArrayList<>();
            for (PrognosticTable.Row r : p.rows()) {
                Map<String, Object> m = Output.object();
                m.put("variable", r.variable());
                m.put("term", r.term());
                m.put("reference", r.reference());
                m.put("univariable", term(r.univariable()));
                m.put("multivariable", r.multivariable() == null ? null : term(r.multivariable()));
                rows.add(m);
            }
            out.put("rows", rows);
            out.put("multivariable", p.multivariable() == null ? null : json(p.multivariable(), p.multivariableDropped()));
            Output.printJson(out);
            return 0;
        }
        System.out.println("Prognostic factors: univariable Cox models; p < " + screen + " enter the multivariable model");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variable", "term", "n", "HR (95% CI)", "p", "multivariable HR (95% CI)", "p"});
        String previous = null;
        for (PrognosticTable.Row r : p.rows()) {
            PrognosticTable.Candidate c = p.candidates().stream().filter(x -> x.variable().equals(r.variable()))
                    .findFirst().orElseThrow();
            if (r.reference() != null && !r.variable().equals(previous)) {
                // a categorical covariate: its overall (joint Wald) p on its own row, as SPSS prints it
                rows.add(new String[] {r.variable() + " (ref " + r.reference() + ")", "(overall)", "" + c.n(), "",
                        Output.p(c.p()), "", c.entered() ? Output.p(c.pMultivariable()) : ""});
            }
            previous = r.variable();
            CoxTerm u = r.univariable();
            CoxTerm m = r.multivariable();
            rows.add(new String[] {r.reference() == null ? r.variable() : "", r.term(), "" + c.n(), hr(u), Output.p(u.pWald()), m == null ? "" : hr(m),
                    m == null ? "" : Output.p(m.pWald())});
        }
        Output.table(rows);
        if (p.multivariable() != null) {
            System.out.println("multivariable model: n = " + p.multivariable().n() + ", events = "
                    + p.multivariable().nevent() + (p.multivariableDropped() > 0
                    ? ", " + p.multivariableDropped() + " row(s) with missing values excluded" : ""));
        } else {
            System.out.println("no covariate reached p < " + screen + ": no multivariable model");
        }
        return 0;
    }

    private static String hr(CoxTerm t) {
        return Output.fmt(t.hr()) + " (" + Output.fmt(t.hrLower95()) + "-" + Output.fmt(t.hrUpper95()) + ")";
    }

    static Map<String, Object> term(CoxTerm t) {
        Map<String, Object> m = Output.object();
        m.put("term", t.term());
        m.put("coef", Output.num(t.coef()));
        m.put("se", Output.num(t.se()));
        m.put("hr", Output.num(t.hr()));
        m.put("hr_lower95", Output.num(t.hrLower95()));
        m.put("hr_upper95", Output.num(t.hrUpper95()));
        m.put("z", Output.num(t.z()));
        m.put("p_wald", Output.num(t.pWald()));
        return m;
    }

    private static Map<String, Object> test(ChiSquareStatistic s) {
        Map<String, Object> m = Output.object();
        m.put("chisq", Output.num(s.chisq()));
        m.put("df", s.df());
        m.put("p", Output.num(s.p()));
        return m;
    }

    static Map<String, Object> json(CoxFit fit, int dropped) {
        Map<String, Object> out = Output.object();
        out.put("n", fit.n());
        out.put("nevent", fit.nevent());
        out.put("rows_dropped", dropped);
        out.put("ties", fit.ties().rName());
        out.put("iterations", fit.iterations());
        out.put("loglik_null", fit.loglikNull());
        out.put("loglik", fit.loglik());
        out.put("terms", fit.terms().stream().map(CoxCommand::term).toList());
        out.put("lr_test", test(fit.lrTest()));
        out.put("wald_test", test(fit.waldTest()));
        out.put("score_test", test(fit.scoreTest()));
        out.put("concordance", Output.num(fit.concordance().cIndex()));
        out.put("concordance_se", Output.num(fit.concordance().se()));
        if (!fit.termTests().isEmpty()) {
            Map<String, Object> tt = Output.object();
            fit.termTests().forEach((k, v) -> tt.put(k, test(v)));
            out.put("term_tests", tt);
        }
        if (!fit.strata().isEmpty()) {
            out.put("strata", fit.strata());
        }
        out.put("warnings", fit.warnings());
        return out;
    }

    private static Map<String, Object> zphJson(ZphResult z) {
        Map<String, Object> m = Output.object();
        m.put("transform", z.transform());
        List<Object> terms = new ArrayList<>();
        for (ZphResult.ZphTerm t : z.terms()) {
            Map<String, Object> e = Output.object();
            e.put("term", t.term());
            e.put("chisq", Output.num(t.chisq()));
            e.put("df", t.df());
            e.put("p", Output.num(t.p()));
            terms.add(e);
        }
        m.put("terms", terms);
        Map<String, Object> g = Output.object();
        g.put("chisq", Output.num(z.global().chisq()));
        g.put("df", z.global().df());
        g.put("p", Output.num(z.global().p()));
        m.put("global", g);
        return m;
    }

    private static void print(CoxFit fit) {
        System.out.println("Cox proportional hazards, ties = " + fit.ties().rName() + ": n = " + fit.n()
                + ", events = " + fit.nevent() + (fit.strata().isEmpty() ? "" : ", strata " + fit.strata()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "coef", "HR", "se(coef)", "z", "p", "HR lower 95%", "HR upper 95%"});
        for (CoxTerm t : fit.terms()) {
            rows.add(new String[] {t.term(), Output.fmt(t.coef()), Output.fmt(t.hr()), Output.fmt(t.se()),
                    Output.fmt(t.z()), Output.fmt(t.pWald()), Output.fmt(t.hrLower95()), Output.fmt(t.hrUpper95())});
        }
        Output.table(rows);
        fit.termTests().forEach((k, v) -> System.out.println(k + " (all levels): Wald chisq = " + Output.fmt(v.chisq())
                + " on " + v.df() + " df, p = " + Output.fmt(v.p())));
        System.out.println("Concordance = " + Output.fmt(fit.concordance().cIndex()) + " (se = "
                + Output.fmt(fit.concordance().se()) + ")");
        System.out.println("Likelihood ratio test = " + Output.fmt(fit.lrTest().chisq()) + " on " + fit.lrTest().df()
                + " df, p = " + Output.fmt(fit.lrTest().p()));
        System.out.println("Wald test             = " + Output.fmt(fit.waldTest().chisq()) + " on "
                + fit.waldTest().df() + " df, p = " + Output.fmt(fit.waldTest().p()));
        System.out.println("Score (logrank) test  = " + Output.fmt(fit.scoreTest().chisq()) + " on "
                + fit.scoreTest().df() + " df, p = " + Output.fmt(fit.scoreTest().p()));
        fit.warnings().forEach(w -> System.out.println("Warning: " + w));
    }
}
