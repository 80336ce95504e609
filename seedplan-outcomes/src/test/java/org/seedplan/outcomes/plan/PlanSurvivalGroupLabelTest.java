package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The curves of a Kaplan–Meier figure by a factor are named so that a reader of the legend sees each group once. */
class PlanSurvivalGroupLabelTest {

    private static AnalysisPlan.FactorSpec factor(String label, List<Double> cuts) {
        return new AnalysisPlan.FactorSpec("f", label, "v", null, cuts, Map.of(), 0, null, null, false);
    }

    @Test
    void aCutFactorWhoseLabelNamesItsTopLevelReadsAsEachGroup() {
        AnalysisPlan.FactorSpec d90 = factor("Post-implant D90 ≥ 120 Gy", List.of(120.0));
        assertThat(PlanSurvival.groupLabel(d90, "< 120")).isEqualTo("Post-implant D90 < 120 Gy");
        assertThat(PlanSurvival.groupLabel(d90, "≥ 120")).isEqualTo("Post-implant D90 ≥ 120 Gy");
    }

    @Test
    void otherFactorsAreTheirLabelAndLevel() {
        assertThat(PlanSurvival.groupLabel(factor("Hyperthermia", List.of()), "yes")).isEqualTo("Hyperthermia yes");
        AnalysisPlan.FactorSpec ptv = factor("PTV (cm³)", List.of(50.0));
        assertThat(PlanSurvival.groupLabel(ptv, "≥ 50")).isEqualTo("PTV (cm³) ≥ 50");
        AnalysisPlan.FactorSpec age = factor("Age ≥ 65 years", List.of(50.0, 65.0));
        assertThat(PlanSurvival.groupLabel(age, "50 to < 65")).isEqualTo("Age 50 to < 65 years");
    }
}
