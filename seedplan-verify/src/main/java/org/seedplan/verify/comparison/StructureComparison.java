package org.seedplan.verify.comparison;

import java.util.List;
import org.seedplan.structure.StructureType;

/** Every metric of one structure, pre-plan beside post-plan. */
public record StructureComparison(String name, StructureType type, List<MetricDelta> metrics) {

    public StructureComparison {
        metrics = List.copyOf(metrics);
    }

    /** The metric with the given key. */
    public MetricDelta metric(String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("structure '" + name + "' has no metric '" + key + "'"));
    }
}
