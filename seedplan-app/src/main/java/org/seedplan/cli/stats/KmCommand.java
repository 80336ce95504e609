package org.seedplan.cli.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seedplan.stats.survival.ConfType;
import org.seedplan.stats.survival.KaplanMeier;
import org.seedplan.stats.survival.KaplanMeierCurve;
import org.seedplan.stats.survival.SurvivalFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan stats km}: Kaplan–Meier curves with Greenwood SE, median with CI, survival at chosen times. */
@Command(name = "km", mixinStandardHelpOptions = true,
        description = "Kaplan-Meier estimate (R survfit): per group the median survival with 95%% CI, survival at"
                + " chosen times and the full table. Times are in the unit of the time column (days, months).")
public final class KmCommand implements Callable<Integer> {

    @Mixin
    DataOptions in;

    @Mixin
    SurvivalColumns columns;

    @Option(names = "--group", paramLabel = "COL", description = "one curve per value of this column")
    String group;

    @Option(names = "--conf-type", defaultValue = "log", paramLabel = "TYPE",
            description = "confidence interval: log (R default), log-log (SPSS, SAS) or plain (default ${DEFAULT-VALUE})")
    String confType;

    @Option(names = "--times", split = ",", paramLabel = "T",
            description = "report survival at these times, in the time column's unit (e.g. 365,730,1095)")
    List<Double> times = new ArrayList<>();

    @Override
    public Integer call() {
        for (double t : times) {
            if (!(t >= 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException("--times " + t + ": survival times must be finite and not negative, in the time"
                        + " column's unit (e.g. 365,730)");
            }
        }
        ConfType type = ConfType.parse(confType);
        SurvivalFrame f = SurvivalFrame.from(in.read(), columns.time, columns.event, group, null, List.of(), Set.of(), Map.of());
        List<KaplanMeierCurve> curves = KaplanMeier.fit(f, type);
        if (in.json) {
            List<Object> groups = new ArrayList<>();
            for (KaplanMeierCurve c : curves) {
                Map<String, Object> g = Output.object();
                KaplanMeierCurve.Quantile m = c.median();
                g.put("group", c.group());
                g.put("n", c.n());
                g.put("nevent", c.events());
                g.put("median", Output.num(m.time()));
                g.put("median_lower95", Output.num(m.lower()));
                g.put("median_upper95", Output.num(m.upper()));
                List<Object> at = new ArrayList<>();
                double prev = Double.NEGATIVE_INFINITY;
                for (double t : times) {
                    KaplanMeierCurve.SurvivalAt a = c.at(t, prev);
                    prev = t;
                    Map<String, Object> row = Output.object();
                    row.put("time", t);
                    row.put("n_risk", a.nRisk());
                    row.put("surv", Output.num(a.surv()));
                    row.put("se_surv", Output.num(a.seSurv()));
                    row.put("lower95", Output.num(a.lower()));
                    row.put("upper95", Output.num(a.upper()));
                    at.add(row);
                }
                g.put("at", at);
                List<Object> table = new ArrayList<>();
                for (int i = 0; i < c.time().length; i++) {
                    Map<String, Object> row = Output.object();
                    row.put("time", c.time()[i]);
                    row.put("n_risk", c.nRisk()[i]);
                    row.put("n_event", c.nEvent()[i]);
                    row.put("n_censor", c.nCensor()[i]);
                    row.put("surv", Output.num(c.surv()[i]));
                    row.put("se_surv", Output.num(c.seSurv(i)));
                    row.put("lower95", Output.num(c.lower()[i]));
                    row.put("upper95", Output.num(c.upper()[i]));
                    table.add(row);
                }
                g.put("table", table);
                groups.add(g);
            }
            Map<String, Object> out = Output.object();
            out.put("conf_type", type.rName());
            out.put("rows_dropped", f.dropped());
            out.put("groups", groups);
            Output.printJson(out);
            return 0;
        }
        System.out.println("Kaplan-Meier, " + type.rName() + " 95% confidence intervals, Greenwood SE");
        Output.dropped(f.dropped(), group == null ? List.of(columns.time, columns.event)
                : List.of(columns.time, columns.event, group));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"group", "n", "events", "median", "95% CI"});
        for (KaplanMeierCurve c : curves) {
            KaplanMeierCurve.Quantile m = c.median();
            rows.add(new String[] {c.group(), "" + c.n(), "" + c.events(), Output.fmt(m.time()),
                    Output.fmt(m.lower()) + " - " + Output.fmt(m.upper())});
        }
        Output.table(rows);
        for (KaplanMeierCurve c : curves) {
            System.out.println();
            System.out.println(c.group() + ":");
            List<String[]> t = new ArrayList<>();
            t.add(new String[] {"time", "n.risk", "n.event", "n.censor", "survival", "std.err", "lower 95%", "upper 95%"});
            if (times.isEmpty()) {
                for (int i = 0; i < c.time().length; i++) {
                    t.add(new String[] {Output.fmt(c.time()[i]), "" + c.nRisk()[i], "" + c.nEvent()[i],
                            "" + c.nCensor()[i], Output.fmt(c.surv()[i]), Output.fmt(c.seSurv(i)),
                            Output.fmt(c.lower()[i]), Output.fmt(c.upper()[i])});
                }
            } else {
                double prev = Double.NEGATIVE_INFINITY;
                for (double time0 : times) {
                    KaplanMeierCurve.SurvivalAt a = c.at(time0, prev);
                    prev = time0;
                    t.add(new String[] {Output.fmt(time0), "" + a.nRisk(), "" + a.nEventInterval(), "",
                            Output.fmt(a.surv()), Output.fmt(a.seSurv()), Output.fmt(a.lower()), Output.fmt(a.upper())});
                }
            }
            Output.table(t);
        }
        return 0;
    }
}
