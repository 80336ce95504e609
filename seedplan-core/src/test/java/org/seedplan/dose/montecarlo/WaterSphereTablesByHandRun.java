package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * By hand ({@code -Dseedplan.mcDiagnostics=true}, about a minute per model at 8·10⁶ photons; {@code
 * -Dseedplan.mcPhotons=N} and {@code -Dseedplan.mcRngSeed=S} to change them): the water-sphere comparison of
 * {@link WaterSphereRun} for each modelled seed with four times the CI tests' photons, for the tables in
 * docs/monte-carlo.md. Asserted only that the run has the statistics asked for (Λ to better than 0.3 %).
 */
@EnabledIfSystemProperty(named = "seedplan.mcDiagnostics", matches = "true")
class WaterSphereTablesByHandRun {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amersham6711", "amersham6702", "isoaid_iai125a"})
    void printsTheComparisonWithTheConsensus(String model) {
        long photons = Long.getLong("seedplan.mcPhotons", 8_000_000L);
        WaterSphereRun run = new WaterSphereRun(model, photons, Long.getLong("seedplan.mcRngSeed", 1717L));
        System.out.print(run.table());
        assertThat(run.lambdaRatio()[1]).isLessThan(photons >= 8_000_000L ? 0.003 : 0.01);
    }
}
