package org.seedplan.dvh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seedplan.structure.StructureType;

/**
 * The dose metrics of one structure, shaped like one entry of the "structures" list of the metrics
 * JSON (docs/structures-and-dvh.md): snake_case of the component names gives the JSON keys.
 *
 * <p>Maps are keyed by the level as text ({@link MetricLevels#key}) in the order asked:
 * {@code dPctGy} "90" → D90 (Gy); {@code dCcGy} "2" → D2cc (Gy, null when the structure is smaller);
 * {@code vPct} "100" → V100 (% of the structure receiving ≥ 100 % of the prescription);
 * {@code vGyPct} "20" → % of the structure receiving ≥ 20 Gy. The target indices {@code hi},
 * {@code ciPaddick}, {@code coin}, {@code ei}, {@code mpdGy} are null for structures that are not
 * targets (GTV, CTV, PTV), and {@code hi} is null when V100 is zero. {@code prescriptionGy} is the dose
 * that {@code vPct} and the indices are relative to: the structure's own prescription for a target
 * that has one, the plan's reference prescription otherwise (NaN when not stated).
 */
public record StructureMetrics(String name, StructureType type, double prescriptionGy, double volumeCc, double dminGy, double dmeanGy,
                               double dmaxGy, Map<String, Double> dPctGy, Map<String, Double> dCcGy,
                               Map<String, Double> vPct, Map<String, Double> vGyPct, Double hi, Double ciPaddick,
                               Double coin, Double ei, Double mpdGy) {

    public StructureMetrics {
        dPctGy = Collections.unmodifiableMap(new LinkedHashMap<>(dPctGy));
        dCcGy = Collections.unmodifiableMap(new LinkedHashMap<>(dCcGy));
        vPct = Collections.unmodifiableMap(new LinkedHashMap<>(vPct));
        vGyPct = Collections.unmodifiableMap(new LinkedHashMap<>(vGyPct));
    }

    /** Metrics without a stated prescription (read back from elsewhere, or built by hand). */
    public StructureMetrics(String name, StructureType type, double volumeCc, double dminGy, double dmeanGy, double dmaxGy,
                            Map<String, Double> dPctGy, Map<String, Double> dCcGy, Map<String, Double> vPct,
                            Map<String, Double> vGyPct, Double hi, Double ciPaddick, Double coin, Double ei, Double mpdGy) {
        this(name, type, Double.NaN, volumeCc, dminGy, dmeanGy, dmaxGy, dPctGy, dCcGy, vPct, vGyPct, hi, ciPaddick, coin, ei, mpdGy);
    }
}
