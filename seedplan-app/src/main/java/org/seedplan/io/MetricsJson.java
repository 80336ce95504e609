package org.seedplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.StructureMetrics;

/**
 * The one JSON shape every command uses for dose metrics (docs/metrics-json.md):
 * {"prescription_gy", "piv_cc", "structures": [{"name", "type", "prescription_gy" (the dose its v_pct and
 * indices are relative to: a target's own prescription), "volume_cc", "dmin_gy", "dmean_gy",
 * "dmax_gy", "d_pct_gy", "d_cc_gy", "v_pct", "v_gy_pct", "hi", "ci_paddick", "coin", "ei", "mpd_gy"}]}.
 */
public final class MetricsJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    public static ObjectNode of(PlanMetrics m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("prescription_gy", m.prescriptionGy());
        root.put("piv_cc", round(m.prescriptionIsodoseVolumeCc()));
        var list = root.putArray("structures");
        for (StructureMetrics s : m.structures()) {
            ObjectNode o = list.addObject();
            o.put("name", s.name());
            o.put("type", s.type().name());
            if (Double.isFinite(s.prescriptionGy())) {
                o.put("prescription_gy", s.prescriptionGy());
            }
            o.put("volume_cc", round(s.volumeCc()));
            o.put("dmin_gy", round(s.dminGy()));
            o.put("dmean_gy", round(s.dmeanGy()));
            o.put("dmax_gy", round(s.dmaxGy()));
            o.set("d_pct_gy", map(s.dPctGy()));
            o.set("d_cc_gy", map(s.dCcGy()));
            o.set("v_pct", map(s.vPct()));
            if (!s.vGyPct().isEmpty()) {
                o.set("v_gy_pct", map(s.vGyPct()));
            }
            put(o, "hi", s.hi());
            put(o, "ci_paddick", s.ciPaddick());
            put(o, "coin", s.coin());
            put(o, "ei", s.ei());
            put(o, "mpd_gy", s.mpdGy());
        }
        return root;
    }

    private static JsonNode map(Map<String, Double> values) {
        ObjectNode o = MAPPER.createObjectNode();
        values.forEach((k, v) -> put(o, k, v));
        return o;
    }

    private static void put(ObjectNode o, String key, Double v) {
        if (v == null || v.isNaN()) {
            o.putNull(key);
        } else {
            o.put(key, round(v));
        }
    }

    /** Six significant digits: far below any clinical tolerance, free of float noise. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
