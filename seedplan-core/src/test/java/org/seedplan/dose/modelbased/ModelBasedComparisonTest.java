package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.structure.StructureType;

/**
 * A metric whose estimated noise bias exceeds its σ is marked * in the comparison's cells and named with both in its note; one
 * within σ, or not resolved (its σ says nothing), is not.
 */
class ModelBasedComparisonTest {

    @Test
    void aMetricWhoseNoiseBiasExceedsItsSigmaIsMarkedAndNamed() {
        ModelBasedComparison c = new ModelBasedComparison(DoseSpecification.DM_M, List.of(
                new ModelBasedComparison.Row("CTV", StructureType.CTV, "D90", "Gy", 130, 122, 0.4, -0.1),
                new ModelBasedComparison.Row("Stomach", StructureType.ORGAN, "D0.1cc", "Gy", 14, 13.8, 0.2, 0.3),
                new ModelBasedComparison.Row("Cord", StructureType.ORGAN, "D2cc", "Gy", 3, 0.4, 0.3, 0.5)));
        assertThat(c.cells().get(0).get(3)).isEqualTo("122.0 ± 0.4 Gy");
        assertThat(c.cells().get(1).get(3)).isEqualTo("13.8 ± 0.2 Gy *");
        assertThat(c.cells().get(2).get(3)).as("not resolved: σ above 20 % of the value").isEqualTo(ModelBasedComparison.UNRESOLVED);
        assertThat(c.biasNote()).isEqualTo("* estimated noise bias above 1σ (the value is off by more than its ±; more photons):"
                + " Stomach D0.1cc +0.3 Gy (σ 0.2)");
        assertThat(c.render()).as("the note under the table is ModelBasedNotes'").doesNotContain(c.biasNote())
                .endsWith("; both on the same grid and structure masks.\n");
        assertThat(new ModelBasedComparison(DoseSpecification.DM_M, c.rows().subList(0, 1)).biasNote())
                .isEqualTo("estimated noise bias below 1σ for every metric");
    }
}
