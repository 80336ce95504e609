package org.seedplan.cli.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seedplan.stats.survival.LogRank;
import org.seedplan.stats.survival.LogRankResult;
import org.seedplan.stats.survival.SurvivalFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan stats logrank}: the log-rank test, optionally stratified (R survdiff, rho = 0). */
@Command(name = "logrank", mixinStandardHelpOptions = true,
        description = "Log-rank test of equal survival between groups (R survdiff, rho = 0), optionally stratified.")
public final class LogRankCommand implements Callable<Integer> {

    @Mixin
    DataOptions in;

    @Mixin
    SurvivalColumns columns;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "groups to compare")
    String group;

    @Option(names = "--strata", paramLabel = "COL", description = "stratify by this column")
    String strata;

    @Override
    public Integer call() {
        SurvivalFrame f = SurvivalFrame.from(in.read(), columns.time, columns.event, group, strata, List.of(), Set.of(), Map.of());
        LogRankResult r = LogRank.test(f);
        if (in.json) {
            Map<String, Object> out = Output.object();
            out.put("chisq", Output.num(r.chisq()));
            out.put("df", r.df());
            out.put("p", Output.num(r.p()));
            List<Object> groups = new ArrayList<>();
            for (LogRankResult.Group g : r.groups()) {
                Map<String, Object> m = Output.object();
                m.put("group", g.group());
                m.put("n", g.n());
                m.put("observed", g.observed());
                m.put("expected", g.expected());
                groups.add(m);
            }
            out.put("groups", groups);
            out.put("rows_dropped", f.dropped());
            Output.printJson(out);
            return 0;
        }
        System.out.println("Log-rank test" + (strata == null ? "" : ", stratified by " + strata));
        Output.dropped(f.dropped(), strata == null ? List.of(columns.time, columns.event, group)
                : List.of(columns.time, columns.event, group, strata));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"group", "N", "Observed", "Expected", "(O-E)^2/E"});
        for (LogRankResult.Group g : r.groups()) {
            double oe = g.observed() - g.expected();
            rows.add(new String[] {g.group(), "" + g.n(), Output.fmt(g.observed()), Output.fmt(g.expected()),
                    Output.fmt(oe * oe / g.expected())});
        }
        Output.table(rows);
        System.out.println("Chisq = " + Output.fmt(r.chisq()) + " on " + r.df() + " degrees of freedom, p = "
                + Output.fmt(r.p()));
        return 0;
    }
}
