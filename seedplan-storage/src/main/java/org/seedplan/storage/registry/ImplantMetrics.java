package org.seedplan.storage.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dose metrics of an implant, planned or verified on the post-operative CT; unknown values are {@code null}.
 *
 * @param d90Gy            D90 of the target, Gy
 * @param d100Gy           D100 of the target, Gy
 * @param v100Percent      V100 of the target, %
 * @param v150Percent      V150 of the target, %
 * @param homogeneityIndex (V100 − V150) / V100
 * @param seedCount        seeds
 * @param ptvCc            target volume, cm³
 */
public record ImplantMetrics(Double d90Gy, Double d100Gy, Double v100Percent, Double v150Percent, Double homogeneityIndex,
                             Integer seedCount, Double ptvCc) {

    /** Nothing recorded. */
    public static final ImplantMetrics NONE = new ImplantMetrics(null, null, null, null, null, null, null);

    /** The fields by column name, each prefixed with {@code prefix} ("planned_" or "post_"). */
    Map<String, Object> columns(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "d90_gy", d90Gy);
        m.put(prefix + "d100_gy", d100Gy);
        m.put(prefix + "v100_percent", v100Percent);
        m.put(prefix + "v150_percent", v150Percent);
        m.put(prefix + "hi", homogeneityIndex);
        m.put(prefix + "seed_count", seedCount);
        m.put(prefix + "ptv_cc", ptvCc);
        return m;
    }
}
