package org.seedplan.server.verification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seedplan.server.api.Json;
import org.seedplan.storage.plan.PlanContent;

/**
 * The plan's own numbers in a verification: the metrics the revision was stored with (computed once, by the planner on the
 * planning grid: docs/plan-numbers.md), keyed as the verification's metric rows, and the structure (ROI name) they were
 * computed for, as stored with them. A revision stored before the structure was recorded (migration V010) names none: it is
 * shown as "structure not recorded", never guessed from the intent. The verification shows these as "plan, as approved" and
 * never re-labels its re-computation as them.
 */
final class ApprovedPlanMetrics {

    private ApprovedPlanMetrics() {
    }

    /** The stored metrics by metrics-JSON key (only those stored). */
    static Map<String, Double> byKey(PlanContent c) {
        PlanContent.Metrics m = c.metrics();
        Map<String, Double> out = new LinkedHashMap<>();
        put(out, "d_pct_gy.90", m.d90Gy());
        put(out, "d_pct_gy.100", m.d100Gy());
        put(out, "v_pct.100", m.v100Percent());
        put(out, "v_pct.150", m.v150Percent());
        put(out, "v_pct.200", m.v200Percent());
        put(out, "volume_cc", m.ptvCc());
        return out;
    }

    /**
     * {@code {"structure", "structureRecorded", "grid", "metrics": {key: value}}}, or null when the revision stores no metrics;
     * {@code structure} is the stored ROI name, or "structure not recorded" with {@code structureRecorded} false.
     */
    static ObjectNode json(PlanContent c) {
        Map<String, Double> m = byKey(c);
        if (m.isEmpty()) {
            return null;
        }
        ObjectNode o = Json.MAPPER.createObjectNode().put("structure", c.metrics().structureOrNotRecorded())
                .put("structureRecorded", c.metrics().structure() != null)
                .put("grid", "the planning grid: the values stored with the revision when it was saved and approved");
        ObjectNode values = o.putObject("metrics");
        m.forEach(values::put);
        return o;
    }

    private static void put(Map<String, Double> out, String key, Double v) {
        if (v != null && Double.isFinite(v)) {
            out.put(key, v);
        }
    }
}
