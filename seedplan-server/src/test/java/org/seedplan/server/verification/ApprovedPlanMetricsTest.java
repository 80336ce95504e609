package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.storage.plan.PlanContent;

/**
 * The plan's stored numbers as the verification shows them: keyed as its metric rows, of the intent's first target (the plan
 * screen's intent form or a plain {"target"}); nothing when the revision stores no metrics or names no target.
 */
class ApprovedPlanMetricsTest {

    private static PlanContent content(String intent, PlanContent.Metrics m) {
        return new PlanContent(intent, "1.2.3", 120.0, "amersham6711", 0.76, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-12-01"),
                List.of(), List.of(new PlanContent.PlannedSeed(Vec3.ZERO, -1)), m);
    }

    @Test
    void theStoredMetricsAreKeyedAsTheVerificationsRowsForTheIntentsFirstTarget() {
        PlanContent.Metrics m = new PlanContent.Metrics(135.217, 98.0, 96.3, null, 20.1, 31.5);
        PlanContent form = content(VerificationFixture.INTENT_FORM.replace("\"CTV\"", "\"GTV\"}, {\"structure\":\"CTV\""), m);
        var o = ApprovedPlanMetrics.json(form);
        assertThat(o.get("structure").asText()).isEqualTo("GTV");
        assertThat(o.get("metrics").get("d_pct_gy.90").asDouble()).isEqualTo(135.217);
        assertThat(o.get("metrics").get("volume_cc").asDouble()).isEqualTo(31.5);
        assertThat(o.get("metrics").has("v_pct.150")).as("not stored, not shown").isFalse();
        assertThat(ApprovedPlanMetrics.structure(content("{\"target\":\"CTV\"}", m))).isEqualTo("CTV");
    }

    @Test
    void withoutStoredMetricsOrATargetNameThereIsNoPlanAsApproved() {
        assertThat(ApprovedPlanMetrics.json(content("{\"target\":\"CTV\"}", null))).isNull();
        assertThat(ApprovedPlanMetrics.json(content("{\"postImplantOf\":\"plan 3\"}", new PlanContent.Metrics(1.0, null, null, null, null, null))))
                .isNull();
        assertThat(ApprovedPlanMetrics.json(content("not json", new PlanContent.Metrics(1.0, null, null, null, null, null)))).isNull();
    }
}
