package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.plan.PlanContent;

/**
 * The plan's stored numbers as the verification shows them: keyed as its metric rows, of the structure stored with them — not
 * the intent's target, which may differ — and "structure not recorded" for a revision stored without one; nothing when the
 * revision stores no metrics.
 */
class ApprovedPlanMetricsTest {

    private static PlanContent content(String intent, PlanContent.Metrics m) {
        return new PlanContent(intent, "1.2.3", 120.0, "amersham6711", 0.76, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-12-01"),
                List.of(), List.of(new PlanContent.PlannedSeed(Vec3.ZERO, -1)), m);
    }

    @Test
    void theStoredMetricsAreKeyedAsTheVerificationsRowsAndNameTheStructureStoredWithThem() {
        PlanContent.Metrics m = new PlanContent.Metrics("CTV", 135.217, 98.0, 96.3, null, 20.1, 31.5);
        // the intent's first target is the GTV: the metrics are still the CTV's, as stored
        PlanContent form = content(VerificationFixture.INTENT_FORM.replace("\"CTV\"", "\"GTV\"}, {\"structure\":\"CTV\""), m);
        var o = ApprovedPlanMetrics.json(form);
        assertThat(o.get("structure").asText()).isEqualTo("CTV");
        assertThat(o.get("structureRecorded").asBoolean()).isTrue();
        assertThat(o.get("metrics").get("d_pct_gy.90").asDouble()).isEqualTo(135.217);
        assertThat(o.get("metrics").get("volume_cc").asDouble()).isEqualTo(31.5);
        assertThat(o.get("metrics").has("v_pct.150")).as("not stored, not shown").isFalse();
    }

    @Test
    void metricsStoredWithoutAStructureSayItWasNotRecordedNeverAGuessFromTheIntent() {
        var o = ApprovedPlanMetrics.json(content("{\"target\":\"CTV\"}", new PlanContent.Metrics(null, 135.2, null, null, null, null, null)));
        assertThat(o.get("structure").asText()).isEqualTo("structure not recorded");
        assertThat(o.get("structureRecorded").asBoolean()).isFalse();
        assertThat(o.get("metrics").get("d_pct_gy.90").asDouble()).isEqualTo(135.2);
    }

    @Test
    void withoutStoredMetricsThereIsNoPlanAsApproved() {
        assertThat(ApprovedPlanMetrics.json(content("{\"target\":\"CTV\"}", null))).isNull();
        assertThat(ApprovedPlanMetrics.json(content("{\"target\":\"CTV\"}", new PlanContent.Metrics("CTV", null, null, null, null, null, null))))
                .isNull();
    }
}
