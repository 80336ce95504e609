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

    /**
     * One quantity, one value: the verification report's "Plan" D90 of the CTV is the planner's, to the printed 0.1 Gy (same
     * engine, grid and masks); every matched row of matching.csv names the planned seed's needle and place from the tip.
     */
    @Test
    void demoImplantIsFoundAndItsPrePlanReproducesThePlannersMetrics(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
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
        String d90 = String.format(java.util.Locale.ROOT, "%.1f", plannerD90);
        dv.writeFiles(dir.resolve("v"));
        String report;
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve("v/report.pdf").toFile())) {
            report = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
        }
        String row = report.lines().filter(l -> l.startsWith("CTV D90 (Gy)")).findFirst().orElseThrow();
        assertThat(row.split(" ")[3]).as(row).isEqualTo(d90);
        assertThat(report).contains("Post - plan").doesNotContain("Post - pre");
        java.util.List<String> matching = java.nio.file.Files.readAllLines(dir.resolve("v/matching.csv"));
        assertThat(matching.get(0)).endsWith(",planned_needle,planned_seed_from_tip");
        assertThat(matching.subList(1, matching.size())).allMatch(l -> l.matches("\\d+,\\d+,.*,\\d+,\\d+"));
        String merged = dv.mergeInto("{\"plan\": {\"seeds\": " + plan.seedCount() + "}}");
        assertThat(merged).contains("\"plan\"").contains("\"verification\"").contains("\"mean_displacement_mm\"");
    }
}
