package org.seedplan.cli.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seedplan.stats.descriptive.Describe;
import org.seedplan.stats.descriptive.QuantileType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seedplan stats describe}: n, mean ± SD, median (P25, P75) and range of columns, by group and time point. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe numeric columns: n, missing, mean, SD (n - 1), median, P25, P75, min, max; overall or by group"
                + " and time point. Quartiles by SPSS's definition (Hyndman-Fan type 6) unless --quantiles r7 (R's default).")
public final class DescribeCommand implements Callable<Integer> {

    @Mixin
    DataOptions in;

    @Option(names = "--columns", required = true, split = ",", paramLabel = "A,B", description = "numeric columns to describe")
    List<String> columns;

    @Option(names = "--by", paramLabel = "GROUP", description = "one row per value of this column")
    String by;

    @Option(names = "--time-point", paramLabel = "COL", description = "one row per value of this column (e.g. visit or month)")
    String timePoint;

    @Option(names = "--quantiles", defaultValue = "spss", paramLabel = "spss|r7",
            description = "quartile definition: spss (type 6, default) or r7 (type 7, R and Excel)")
    String quantiles;

    @Override
    public Integer call() {
        QuantileType type = switch (quantiles) {
            case "spss" -> QuantileType.TYPE6_SPSS;
            case "r7" -> QuantileType.TYPE7_R;
            default -> throw new IllegalArgumentException("--quantiles '" + quantiles + "': unknown; fix: write spss or r7");
        };
        List<Describe.Row> rows = Describe.of(in.read(), columns, by, timePoint, type);
        String definition = type == QuantileType.TYPE6_SPSS ? "SPSS (Hyndman-Fan type 6)" : "R type 7 (Hyndman-Fan type 7)";
        if (in.json) {
            List<Object> out = new ArrayList<>();
            for (Describe.Row r : rows) {
                Map<String, Object> o = Output.object();
                o.put("column", r.column());
                if (by != null) {
                    o.put("group", r.group());
                }
                if (timePoint != null) {
                    o.put("time_point", r.timePoint());
                }
                o.put("n", r.meanSd().n());
                o.put("missing", r.meanSd().missing());
                o.put("mean", Output.num(r.meanSd().mean()));
                o.put("sd", Output.num(r.meanSd().sd()));
                o.put("median", Output.num(r.quantiles().median()));
                o.put("p25", Output.num(r.quantiles().p25()));
                o.put("p75", Output.num(r.quantiles().p75()));
                o.put("min", Output.num(r.quantiles().min()));
                o.put("max", Output.num(r.quantiles().max()));
                out.add(o);
            }
            Map<String, Object> root = Output.object();
            root.put("quantiles", definition);
            root.put("rows", out);
            Output.printJson(root);
            return 0;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"column", "group", "time point", "n", "missing", "mean", "sd", "median", "p25", "p75", "min", "max"});
        for (Describe.Row r : rows) {
            table.add(new String[] {r.column(), r.group(), r.timePoint(), Integer.toString(r.meanSd().n()),
                Integer.toString(r.meanSd().missing()), Output.fmt(r.meanSd().mean()), Output.fmt(r.meanSd().sd()),
                Output.fmt(r.quantiles().median()), Output.fmt(r.quantiles().p25()), Output.fmt(r.quantiles().p75()),
                Output.fmt(r.quantiles().min()), Output.fmt(r.quantiles().max())});
        }
        Output.table(table);
        System.out.println("Quartiles: " + definition + ". SD with n - 1. Missing values excluded and counted.");
        return 0;
    }
}
