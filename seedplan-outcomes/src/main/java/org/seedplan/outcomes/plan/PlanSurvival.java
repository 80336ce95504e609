package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seedplan.outcomes.plan.AnalysisPlan.Endpoint;
import org.seedplan.outcomes.plan.AnalysisPlan.FactorSpec;
import org.seedplan.outcomes.report.CumulativeIncidenceFigure;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.KaplanMeierFigure;
import org.seedplan.outcomes.report.Table;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.ConfType;
import org.seedplan.stats.survival.CumulativeIncidence;
import org.seedplan.stats.survival.KaplanMeier;
import org.seedplan.stats.survival.KaplanMeierCurve;
import org.seedplan.stats.survival.LogRank;
import org.seedplan.stats.survival.LogRankResult;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * Kaplan–Meier survival of a plan's endpoints, overall and by each survival factor (as R's {@code survfit}
 * with log-scale 95 % CIs and {@code survdiff}): medians with CI, rates at the plan's horizons, log-rank tests,
 * the curves as figures; and the median follow-up by the reverse Kaplan–Meier method (Schemper &amp; Smith,
 * Control Clin Trials 1996;17:343–346) with its interquartile range.
 */
final class PlanSurvival {

    /** Result: the survival table, the follow-up table, the cumulative incidences (null without competing events) and the curves. */
    record Result(Table survival, Table followUp, Table incidence, List<Figure> figures) {
    }

    private PlanSurvival() {
    }

    static Result build(AnalysisPlan plan, PlanDataset ds) {
        List<String> header = new ArrayList<>(List.of("endpoint", "factor", "level", "n", "events", "median_months", "median_lower",
                "median_upper"));
        for (double d : plan.rateDays()) {
            String m = Values.of(d / PlanReader.DAYS_PER_MONTH) + "m";
            header.addAll(List.of("rate_" + m + "_pct", "rate_" + m + "_lower", "rate_" + m + "_upper"));
        }
        header.addAll(List.of("logrank_chisq", "logrank_df", "logrank_p"));
        Table.Builder t = Table.builder("survival", "Survival (Kaplan–Meier)", header.toArray(String[]::new));
        Table.Builder fu = Table.builder("followup", "Median follow-up (reverse Kaplan–Meier)", "endpoint", "n", "median_months",
                "p25_months", "p75_months", "median_lower", "median_upper");
        List<Figure> figures = new ArrayList<>();
        Table.Builder ci = Table.builder("cumulative_incidence", "Cumulative incidence with competing events (Aalen–Johansen)",
                "endpoint", "n", "horizon_months", "event_pct", "event_se", "event_lower", "event_upper", "competing_pct", "competing_se",
                "competing_lower", "competing_upper");
        boolean competing = false;
        boolean lesions = false;
        for (Endpoint e : plan.endpoints()) {
            DataTable data = ds.rowsOf(e);
            boolean perLesion = e.unit() == AnalysisPlan.Unit.LESION;
            lesions |= perLesion;
            String all = perLesion ? "All lesions" : "All patients";
            if (!e.competing().isEmpty()) {
                competing = true;
                figures.add(incidence(ci, plan, e, data));
            }
            String time = e.name() + "_days";
            String event = e.name() + "_event";
            SurvivalFrame whole = SurvivalFrame.from(data, time, event, null, null, List.of(), Set.of(), Map.of());
            KaplanMeierCurve overall = KaplanMeier.fit(whole, ConfType.LOG).get(0);
            t.row(row(plan, e, "", all, overall, null));
            figures.add(new KaplanMeierFigure("km_" + e.name(), e.label() + ", " + all.toLowerCase(Locale.ROOT), e.label(), List.of(overall),
                    List.of(all), summary(plan, all, overall)));
            followUp(fu, e, data);
            for (String by : plan.survivalBy()) {
                FactorSpec f = plan.factors().stream().filter(x -> x.name().equals(by)).findFirst().orElseThrow();
                if (!data.hasColumn(by)) {
                    t.note(e.label() + ": not by " + f.label() + ", a lesion factor (the endpoint is per patient).");
                    continue;
                }
                SurvivalFrame frame = SurvivalFrame.from(data, time, event, by, null, List.of(), Set.of(), Map.of());
                List<KaplanMeierCurve> curves = ordered(KaplanMeier.fit(frame, ConfType.LOG), f.reference());
                LogRankResult lr = curves.size() > 1 ? LogRank.test(frame) : null;
                List<String> labels = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                for (KaplanMeierCurve k : curves) {
                    String level = level(k);
                    t.row(row(plan, e, f.name(), level, k, lr));
                    labels.add(groupLabel(f, level));
                    lines.add(summary(plan, groupLabel(f, level), k));
                }
                if (lr != null) {
                    lines.add("Log-rank p " + (lr.p() < 0.001 ? "< 0.001" : "= " + String.format(Locale.ROOT, "%.3f", lr.p())));
                }
                figures.add(new KaplanMeierFigure("km_" + e.name() + "_by_" + f.name(), e.label() + " by " + f.label(),
                        e.label() + " by " + f.label(), curves, labels, String.join("\n", lines)));
                if (frame.dropped() > 0) {
                    t.note(e.label() + " by " + f.label() + ": " + frame.dropped() + " patient(s) without a value excluded.");
                }
            }
        }
        t.note("Months = days / 30.4375 from the endpoint's origin. Kaplan–Meier with Greenwood SE and log-scale 95 % CI (R survfit "
                + "default); NA median = not reached. Rates in % at the horizons: S(t) at the last event time ≤ t. Log-rank: R survdiff "
                + "(rho = 0), on the factor's rows.");
        if (lesions) {
            t.note("Per-lesion endpoints (n = lesions): a lesion's local progression from the lesions table's " + PlanDataset.LESION_PROGRESSION_DATE
                    + ", censored at the patient's last imaging visit. Lesions of one patient are not independent: the log-rank test "
                    + "treats them as if they were; the Cox table's robust (patient-clustered) p is the test that does not.");
        }
        for (Endpoint e : plan.endpoints()) {
            t.note(e.label() + " (" + e.name() + "): event = first of " + lower(e.events()) + (e.competing().isEmpty() ? ""
                    : "; competing " + lower(e.competing()) + " censor follow-up at their time (cause-specific)")
                    + "; origin " + e.origin() + "; otherwise censored at the " + (e.unit() == AnalysisPlan.Unit.LESION
                    ? "patient's last imaging visit (per lesion)." : "last follow-up record."));
        }
        fu.note("Reverse Kaplan–Meier: the endpoint's censorings are the events and its events censor; median and quartiles by R's "
                + "quantile.survfit rule; 95 % CI of the median (log scale).");
        ci.note("Aalen–Johansen estimate (R survfit with a multi-state status): the cumulative probability of the endpoint's event "
                + "and, separately, of its competing events, in % at the plan's horizons; 1 − Kaplan–Meier of the survival table treats "
                + "competing events as censorings instead. SE (%) by the infinitesimal jackknife and 95 % CI on the log scale, "
                + "p·exp(±1.96·SE/p), upper limit capped at 100 % — R survival 3.5's defaults for a multi-state curve; NA limits when "
                + "the incidence is still 0.");
        return new Result(t.build(), fu.build(), competing ? ci.build() : null, figures);
    }

    private static Figure incidence(Table.Builder ci, AnalysisPlan plan, Endpoint e, DataTable data) {
        String status = e.name() + "_status";
        var cc = data.completeCases(List.of(e.name() + "_days", status)).table();
        double[] time = cc.numeric(e.name() + "_days");
        double[] st = cc.numeric(status);
        int[] codes = new int[st.length];
        for (int i = 0; i < st.length; i++) {
            codes[i] = (int) st[i];
        }
        CumulativeIncidence f = CumulativeIncidence.fit(time, codes);
        for (double d : plan.rateDays()) {
            List<String> row = new ArrayList<>(List.of(e.name(), Values.of(time.length), Values.of(d / PlanReader.DAYS_PER_MONTH)));
            for (int cause = 1; cause <= 2; cause++) {
                CumulativeIncidence.Estimate x = f.estimate(cause, d);
                row.addAll(List.of(Values.of(100 * x.cif()), Values.of(100 * x.stdErr()), Values.of(100 * x.lower()), Values.of(100 * x.upper())));
            }
            ci.row(row);
        }
        String event = lower(e.events());
        String competing = lower(e.competing());
        return new CumulativeIncidenceFigure("cif_" + e.name(), e.label() + ": cumulative incidence of " + event + " with " + competing
                + " competing", "Cumulative incidence of " + event + " (" + competing + " competing), " + e.label(), f,
                List.of(capital(event), capital(competing) + " (competing)"), plan.rateDays(), time.length);
    }

    private static void followUp(Table.Builder fu, Endpoint e, DataTable data) {
        SurvivalFrame f = SurvivalFrame.from(data, e.name() + "_days", e.name() + "_event", null, null, List.of(), Set.of(), Map.of());
        boolean[] reversed = new boolean[f.event().length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = !f.event()[i];
        }
        KaplanMeierCurve k = KaplanMeier.fit(f.time(), reversed, null, ConfType.LOG, 0.95).get(0);
        KaplanMeierCurve.Quantile med = k.median();
        fu.row(e.name(), Values.of(k.n()), months(med.time()), months(k.quantile(0.25).time()), months(k.quantile(0.75).time()),
                months(med.lower()), months(med.upper()));
    }

    /** Curves with the reference level first (the others in R's order). */
    private static List<KaplanMeierCurve> ordered(List<KaplanMeierCurve> curves, String reference) {
        List<KaplanMeierCurve> out = new ArrayList<>(curves);
        if (reference != null) {
            out.sort((a, b) -> Boolean.compare(!level(a).equals(reference), !level(b).equals(reference)));
        }
        return out;
    }

    /**
     * A curve's name: the factor's label and the level ("Hyperthermia yes", "PTV ≥ 50"); a cut factor whose label names its
     * top level ("Post-implant D90 ≥ 120 Gy") has that part replaced by the level, so its curves read "Post-implant D90
     * < 120 Gy" and "Post-implant D90 ≥ 120 Gy", not "… ≥ 120 Gy < 120".
     */
    static String groupLabel(AnalysisPlan.FactorSpec f, String level) {
        if (!f.cuts().isEmpty()) {
            String top = "≥ " + PlanDataset.num(f.cuts().get(f.cuts().size() - 1));
            int at = f.label().indexOf(top);
            if (at >= 0) {
                return f.label().substring(0, at) + level + f.label().substring(at + top.length());
            }
        }
        return f.label() + " " + level;
    }

    private static String level(KaplanMeierCurve k) {
        return k.group().substring(k.group().indexOf('=') + 1);
    }

    /** "LABEL: median M mo (95 % CI L–U); 12/24/36 mo a/b/c %" for the plot. */
    private static String summary(AnalysisPlan plan, String label, KaplanMeierCurve k) {
        KaplanMeierCurve.Quantile m = k.median();
        StringBuilder sb = new StringBuilder(label + ": median " + (Double.isNaN(m.time()) ? "NR"
                : String.format(Locale.ROOT, "%.1f", m.time() / PlanReader.DAYS_PER_MONTH)) + " mo (95 % CI " + ci(m.lower()) + "–" + ci(m.upper()) + ")");
        List<String> rates = new ArrayList<>();
        double prev = Double.NEGATIVE_INFINITY;
        for (double d : plan.rateDays()) {
            rates.add(String.format(Locale.ROOT, "%.0f", 100 * k.at(d, prev).surv()));
            prev = d;
        }
        if (!rates.isEmpty()) {
            sb.append("; ").append(String.join("/", plan.rateDays().stream().map(d -> Values.of(d / PlanReader.DAYS_PER_MONTH)).toList()))
                    .append(" mo ").append(String.join("/", rates)).append(" %");
        }
        return sb.toString();
    }

    private static String ci(double days) {
        return Double.isNaN(days) ? "NR" : String.format(Locale.ROOT, "%.1f", days / PlanReader.DAYS_PER_MONTH);
    }

    private static List<String> row(AnalysisPlan plan, Endpoint e, String factor, String level, KaplanMeierCurve k, LogRankResult lr) {
        KaplanMeierCurve.Quantile med = k.median();
        List<String> r = new ArrayList<>(List.of(e.name(), factor, level, Values.of(k.n()), Values.of(k.events()), months(med.time()),
                months(med.lower()), months(med.upper())));
        double prev = Double.NEGATIVE_INFINITY;
        for (double d : plan.rateDays()) {
            KaplanMeierCurve.SurvivalAt a = k.at(d, prev);
            prev = d;
            r.addAll(List.of(Values.of(100 * a.surv()), Values.of(100 * a.lower()), Values.of(100 * a.upper())));
        }
        r.addAll(lr == null ? List.of("", "", "") : List.of(Values.of(lr.chisq()), Values.of(lr.df()), Values.of(lr.p())));
        return r;
    }

    private static String months(double days) {
        return Values.of(days / PlanReader.DAYS_PER_MONTH);
    }

    private static String capital(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String lower(List<AnalysisPlan.Event> events) {
        return String.join(", ", events.stream().map(x -> x.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toList());
    }
}
