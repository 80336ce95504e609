package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;

/**
 * Runs with neighbouring RNG seeds are statistically independent, and their spread is the uncertainty the engine
 * states. Two runs of one 6711 in water (seeds 17 and 18, 2·10⁵ photons, 2 mm voxels = the phantom's): over the voxels
 * whose stated 1σ is 1–10 %, the mean of z² = (D₁ − D₂)² / (σ₁² + σ₂²) must be about 1. Until issue 17's "mc" session
 * batch b of RNG seed s was seeded with s·γ + b, γ being SplittableRandom's own increment, so seed s + 1 replayed seed
 * s's stream one draw later: the water-sphere runs with seeds 17, 18 and 19 agreed to the third decimal where their
 * stated σ was 1 %, and z² here was 0.003. Bounds 0.7–1.5: with 40 batches the σ estimates scatter by about 11 %, which
 * raises the mean of z² by a few percent; over the ~1800 voxels its own noise is ~3 %.
 */
class RngSeedIndependenceTest {

    @Test
    void neighbouringRngSeedsGiveIndependentRunsWhoseSpreadMatchesTheStatedUncertainty() {
        Grid grid = new Grid(new Vec3(-30, -30, -30), 2, 2, 2, 31, 31, 31);
        VoxelPhantom water = VoxelPhantom.homogeneous(grid, "water", 1.0);
        List<Seed> seed = List.of(new Seed(new Vec3(1, 1, 1), Vec3.UNIT_Z, 1.0));
        MonteCarloDose a = new MonteCarloDoseEngine(SourceLibrary.builtIn().model("amersham6711"), water,
                new MonteCarloSettings(17, 2, 0, 200_000, 600)).run(seed, grid, f -> { }, () -> false);
        MonteCarloDose b = new MonteCarloDoseEngine(SourceLibrary.builtIn().model("amersham6711"), water,
                new MonteCarloSettings(18, 2, 0, 200_000, 600)).run(seed, grid, f -> { }, () -> false);
        double sum = 0;
        int n = 0;
        for (int v = 0; v < grid.voxelCount(); v++) {
            double da = a.doseRateMediumInMediumCGyPerH()[v];
            double db = b.doseRateMediumInMediumCGyPerH()[v];
            double sa = a.relativeUncertainty()[v] * da;
            double sb = b.relativeUncertainty()[v] * db;
            if (a.relativeUncertainty()[v] >= 0.01 && a.relativeUncertainty()[v] <= 0.10 && b.relativeUncertainty()[v] <= 0.10) {
                sum += (da - db) * (da - db) / (sa * sa + sb * sb);
                n++;
            }
        }
        System.out.printf("mean z^2 over %d voxels: %.3f%n", n, sum / n);
        assertThat(n).isGreaterThan(1000);
        assertThat(sum / n).isBetween(0.7, 1.5);
    }
}
