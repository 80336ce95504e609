package org.seedplan.verify.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.StructureMetrics;

/**
 * The pre-plan's metrics beside the post-plan's, structure by structure (matched by name, pre-plan
 * order first), every metric of the metrics JSON with its difference post − pre.
 */
public record PrePostComparison(double prescriptionGy, List<StructureComparison> structures) {

    public PrePostComparison {
        structures = List.copyOf(structures);
    }

    public static PrePostComparison of(PlanMetrics pre, PlanMetrics post) {
        Map<String, StructureMetrics> a = byName(pre);
        Map<String, StructureMetrics> b = byName(post);
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        List<StructureComparison> out = new ArrayList<>();
        for (String n : names) {
            StructureMetrics x = a.get(n);
            StructureMetrics y = b.get(n);
            Map<String, Double[]> rows = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            collect(x, 0, rows, units);
            collect(y, 1, rows, units);
            List<MetricDelta> metrics = new ArrayList<>();
            rows.forEach((k, v) -> metrics.add(new MetricDelta(k, units.get(k), v[0], v[1])));
            out.add(new StructureComparison(n, (x != null ? x : y).type(), metrics));
        }
        return new PrePostComparison(post.prescriptionGy(), out);
    }

    /** The comparison of one structure by name. */
    public StructureComparison structure(String name) {
        return structures.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no structure named '" + name + "' in the comparison"));
    }

    private static Map<String, StructureMetrics> byName(PlanMetrics m) {
        Map<String, StructureMetrics> out = new LinkedHashMap<>();
        for (StructureMetrics s : m.structures()) {
            out.put(s.name(), s);
        }
        return out;
    }

    private static void collect(StructureMetrics s, int side, Map<String, Double[]> rows, Map<String, String> units) {
        if (s == null) {
            return;
        }
        put(rows, units, "volume_cc", "cc", s.volumeCc(), side);
        put(rows, units, "dmin_gy", "Gy", s.dminGy(), side);
        put(rows, units, "dmean_gy", "Gy", s.dmeanGy(), side);
        put(rows, units, "dmax_gy", "Gy", s.dmaxGy(), side);
        s.dPctGy().forEach((k, v) -> put(rows, units, "d_pct_gy." + k, "Gy", v, side));
        s.dCcGy().forEach((k, v) -> put(rows, units, "d_cc_gy." + k, "Gy", v, side));
        s.vPct().forEach((k, v) -> put(rows, units, "v_pct." + k, "%", v, side));
        s.vGyPct().forEach((k, v) -> put(rows, units, "v_gy_pct." + k, "%", v, side));
        put(rows, units, "hi", "", s.hi(), side);
        put(rows, units, "ci_paddick", "", s.ciPaddick(), side);
        put(rows, units, "coin", "", s.coin(), side);
        put(rows, units, "ei", "", s.ei(), side);
        put(rows, units, "mpd_gy", "Gy", s.mpdGy(), side);
    }

    private static void put(Map<String, Double[]> rows, Map<String, String> units, String key, String unit, Double v, int side) {
        rows.computeIfAbsent(key, k -> new Double[2])[side] = v;
        units.put(key, unit);
    }
}
