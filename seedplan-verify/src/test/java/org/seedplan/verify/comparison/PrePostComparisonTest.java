package org.seedplan.verify.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.structure.StructureType;

class PrePostComparisonTest {

    private static StructureMetrics gtv(double d90, double v100) {
        return new StructureMetrics("GTV", StructureType.GTV, 20, 80, 150, 400, Map.of("90", d90), Map.of(), Map.of("100", v100),
                Map.of(), 0.4, 0.7, 0.6, 0.3, 118.0);
    }

    @Test
    void differencesArePostMinusPreAndOneSidedStructuresKeepNulls() {
        StructureMetrics rectum = new StructureMetrics("RECTUM", StructureType.ORGAN, 30, 1, 10, 60, Map.of(), Map.of("2", 40.0),
                Map.of(), Map.of(), null, null, null, null, null);
        PlanMetrics pre = new PlanMetrics(120, 25, List.of(gtv(130, 97), rectum));
        PlanMetrics post = new PlanMetrics(120, 24, List.of(gtv(112.5, 88)));
        PrePostComparison c = PrePostComparison.of(pre, post);
        assertThat(c.structures()).extracting(StructureComparison::name).containsExactly("GTV", "RECTUM");
        // Plain arithmetic on the given numbers: exact up to double rounding.
        assertThat(c.structure("GTV").metric("d_pct_gy.90").difference()).isCloseTo(-17.5, within(1e-12));
        assertThat(c.structure("GTV").metric("v_pct.100").difference()).isCloseTo(-9, within(1e-12));
        assertThat(c.structure("GTV").metric("v_pct.100").unit()).isEqualTo("%");
        MetricDelta d2cc = c.structure("RECTUM").metric("d_cc_gy.2");
        assertThat(d2cc.pre()).isEqualTo(40.0);
        assertThat(d2cc.post()).isNull();
        assertThat(d2cc.difference()).isNull();
    }
}
