package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.ConfType;
import org.seedplan.stats.survival.KaplanMeier;
import org.seedplan.stats.survival.KaplanMeierCurve;
import org.seedplan.stats.survival.LogRank;
import org.seedplan.stats.survival.LogRankResult;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * Kaplan–Meier survival of the cohort (seedplan-stats, as R's {@code survfit} with log-scale 95 % CIs):
 * per endpoint n, events, median with CI and the 1-, 2- and 3-year rates, overall and by post-implant
 * D90 group with the log-rank test; plus the curves as figures.
 */
final class SurvivalTables {

    /** Days of the 1-, 2- and 3-year rates (365, 730, 1095 days as in the papers). */
    static final double[] RATE_DAYS = {365, 730, 1095};
    private static final double MONTH = 30.4375;

    record Result(Table table, List<Figure> figures) {
    }

    /** An endpoint: time and event columns of the analysis dataset and a label. */
    record Endpoint(String time, String event, String label, String shortLabel) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("lpfs_days", "lpfs_event", "Local progression-free survival", "LPFS"),
            new Endpoint("os_days", "os_event", "Overall survival", "OS"));

    private SurvivalTables() {
    }

    static Result build(DataTable data) {
        Table.Builder t = Table.builder("survival", "Survival (Kaplan–Meier)", "Endpoint", "Group", "n", "Events",
                "Median, months (95 % CI)", "1-year, % (95 % CI)", "2-year, % (95 % CI)", "3-year, % (95 % CI)", "Log-rank p");
        List<Figure> figures = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            SurvivalFrame all = SurvivalFrame.from(data, e.time(), e.event(), null, null, List.of(), Set.of(), Map.of());
            KaplanMeierCurve overall = KaplanMeier.fit(all, ConfType.LOG).get(0);
            t.row(row(e.shortLabel(), "All patients", overall, ""));
            figures.add(new KaplanMeierFigure("km_" + e.shortLabel().toLowerCase(java.util.Locale.ROOT), e.label() + ", all patients",
                    e.label(), List.of(overall), List.of("All patients"), ""));
            if (!AnalysisDataset.hasValues(data, "d90_group")) {
                continue;
            }
            SurvivalFrame byDose = SurvivalFrame.from(data, e.time(), e.event(), "d90_group", null, List.of(), Set.of(), Map.of());
            List<KaplanMeierCurve> curves = KaplanMeier.fit(byDose, ConfType.LOG);
            if (curves.size() > 1) {
                LogRankResult lr = LogRank.test(byDose);
                List<String> labels = new ArrayList<>();
                for (KaplanMeierCurve k : curves) {
                    String label = k.group().substring(k.group().indexOf('=') + 1).replace(">=", "≥");
                    labels.add(label);
                    t.row(row(e.shortLabel(), label, k, Format.p(lr.p())));
                }
                figures.add(new KaplanMeierFigure("km_" + e.shortLabel().toLowerCase(java.util.Locale.ROOT) + "_by_d90",
                        e.label() + " by post-implant D90", e.label() + " by post-implant D90", curves, labels,
                        "Log-rank p " + (lr.p() < 0.001 ? "< 0.001" : "= " + Format.p(lr.p()))));
                if (byDose.dropped() > 0) {
                    t.note(e.shortLabel() + " by D90: " + byDose.dropped() + " patient(s) without post-implant D90 excluded.");
                }
            }
        }
        t.note("Times from the implant; medians and rates from the Kaplan–Meier estimate with Greenwood SE and log-scale 95 % "
                + "CI (R survfit default); \"NR\" = not reached. Rates: S(t) at 365, 730 and 1095 days.");
        t.note("LPFS event: local progression of the implanted lesion or death; OS event: death; censored at the last follow-up record.");
        return new Result(t.build(), figures);
    }

    private static List<String> row(String endpoint, String group, KaplanMeierCurve k, String p) {
        KaplanMeierCurve.Quantile med = k.median();
        List<String> r = new ArrayList<>(List.of(endpoint, group, Integer.toString(k.n()), Integer.toString(k.events()),
                months(med.time()) + " (" + months(med.lower()) + "–" + months(med.upper()) + ")"));
        double prev = Double.NEGATIVE_INFINITY;
        for (double d : RATE_DAYS) {
            KaplanMeierCurve.SurvivalAt a = k.at(d, prev);
            prev = d;
            r.add(Format.pctCi(100 * a.surv(), 100 * a.lower(), 100 * a.upper()));
        }
        r.add(p);
        return r;
    }

    private static String months(double days) {
        return Double.isNaN(days) ? "NR" : Format.num(days / MONTH, 1);
    }
}
