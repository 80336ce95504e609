package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.seedplan.cli.planning.DemoPlan;
import org.seedplan.demo.DemoPatient;
import org.seedplan.planning.Plan;
import org.seedplan.planning.ProgressListener;

class DemoVerificationTest {

    @Test
    void demoImplantIsFoundAndItsPrePlanReproducesThePlannersMetrics() {
        DemoPatient demo = new DemoPatient();
        Plan plan = DemoPlan.plan(demo, ProgressListener.NONE).plan();
        DemoVerification dv = DemoVerification.run(demo, plan, DemoPlan.intent(), 7);
        ObjectNode j = dv.json();
        // Every planned seed is found (acceptance allows 1 % missed: less than one seed of the demo's).
        assertThat(j.get("seeds_found").asInt()).isEqualTo(plan.seedCount());
        assertThat(j.get("seeds_planned").asInt()).isEqualTo(plan.seedCount());
        assertThat(j.get("seeds_missing").asInt()).isZero();
        // Simulated displacement: σ = √(1.5² + 0.7²) = 1.66 mm per axis, mean 3D distance σ·√(8/π) = 2.6 mm
        // (Maxwell); with a few tens of seeds and the finder's error, within ±1 mm.
        assertThat(j.get("mean_displacement_mm").asDouble()).isCloseTo(2.6, within(1.0));
        // The pre-plan recomputed from the planned seeds reproduces the planner's own CTV D90 (same engine, same
        // grid; 0.5 % allows for the planner's metric grid rounding).
        double plannerD90 = plan.metrics().structures().stream().filter(s -> s.name().equals("CTV")).findFirst().orElseThrow()
                .dPctGy().get("90");
        double preD90 = dv.verification().comparison().structure("CTV").metric("d_pct_gy.90").pre();
        assertThat(preD90).isCloseTo(plannerD90, within(0.005 * plannerD90));
        String merged = dv.mergeInto("{\"plan\": {\"seeds\": " + plan.seedCount() + "}}");
        assertThat(merged).contains("\"plan\"").contains("\"verification\"").contains("\"mean_displacement_mm\"");
    }
}
