package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/** The engine's contract: reproducible for a seed and thread count, stop rule, cancellation, refusals, Dw,m vs Dm,m. */
class MonteCarloDoseEngineTest {

    private static final SourceModel M6711 = SourceLibrary.builtIn().model("amersham6711");
    private static final Grid GRID = new Grid(new Vec3(-20, -20, -20), 2, 2, 2, 21, 21, 21);
    private static final List<Seed> TWO_SEEDS = List.of(new Seed(new Vec3(-5, 0, 0), Vec3.UNIT_Z, 0.5),
            new Seed(new Vec3(5, 1, 0), new Vec3(0, 1, 1), 0.7));

    private static MonteCarloDose run(VoxelPhantom phantom, MonteCarloSettings settings) {
        return new MonteCarloDoseEngine(M6711, phantom, settings).run(TWO_SEEDS, GRID, f -> { }, () -> false);
    }

    @Test
    void sameRngSeedAndThreadCountGiveIdenticalDose() {
        VoxelPhantom water = VoxelPhantom.homogeneous(GRID, "water", 1.0);
        MonteCarloSettings s = new MonteCarloSettings(42, 2, 0, 100_000, 600);
        MonteCarloDose a = run(water, s);
        MonteCarloDose b = run(water, s);
        assertThat(a.doseRateMediumInMediumCGyPerH()).containsExactly(b.doseRateMediumInMediumCGyPerH());
        assertThat(a.relativeUncertainty()).containsExactly(b.relativeUncertainty());
        MonteCarloDose c = run(water, new MonteCarloSettings(43, 2, 0, 100_000, 600));
        assertThat(c.doseRateMediumInMediumCGyPerH()).isNotEqualTo(a.doseRateMediumInMediumCGyPerH());
    }

    @Test
    void stopsWhenTheMeanUncertaintyInTheRegionReachesTheTarget() {
        boolean[] region = new boolean[GRID.voxelCount()];
        for (int v = 0; v < region.length; v++) {
            region[v] = GRID.centre(v).norm() <= 12 && GRID.centre(v).minus(new Vec3(-5, 0, 0)).norm() > 4
                    && GRID.centre(v).minus(new Vec3(5, 1, 0)).norm() > 4;
        }
        MonteCarloSettings s = new MonteCarloSettings(7, 2, 0.05, 50_000_000, 600);
        AtomicInteger calls = new AtomicInteger();
        MonteCarloDose d = new MonteCarloDoseEngine(M6711, VoxelPhantom.homogeneous(GRID, "water", 1.0), s)
                .run(TWO_SEEDS, GRID, region, f -> calls.incrementAndGet(), () -> false);
        double sum = 0;
        int n = 0;
        for (int v = 0; v < region.length; v++) {
            if (region[v]) {
                sum += d.relativeUncertainty()[v];
                n++;
            }
        }
        assertThat(sum / n).isLessThanOrEqualTo(0.05);
        assertThat(d.photons()).isLessThan(50_000_000);
        assertThat(calls.get()).isPositive();
    }

    @Test
    void cancellingThrowsCancellationException() {
        MonteCarloSettings s = new MonteCarloSettings(1, 2, 0, 1_000_000_000L, 600);
        MonteCarloDoseEngine e = new MonteCarloDoseEngine(M6711, VoxelPhantom.homogeneous(GRID, "water", 1.0), s);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> e.run(TWO_SEEDS, GRID, f -> { }, () -> System.nanoTime() - t0 > 300_000_000L))
                .isInstanceOf(CancellationException.class);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    }

    @Test
    void waterInMediumOverMediumInMediumFollowsTheEnergyAbsorptionRatioInBone() {
        // Dw,m/Dm,m = (μen/ρ)_water/(μen/ρ)_bone averaged over the local photon spectrum, which runs from the Ca K
        // x-rays (3.7 keV) to 35.5 keV: every voxel's ratio must lie within the ratio's range over 1–35.5 keV.
        MaterialLibrary lib = MaterialLibrary.standard();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double e = 1; e <= 35.5; e += 0.05) {
            double q = lib.massEnergyAbsorptionCm2PerG("water", e) / lib.massEnergyAbsorptionCm2PerG("bone-cortical", e);
            lo = Math.min(lo, q);
            hi = Math.max(hi, q);
        }
        MonteCarloDose d = run(VoxelPhantom.homogeneous(GRID, "bone-cortical", 1.85), new MonteCarloSettings(3, 2, 0, 100_000, 600));
        int checked = 0;
        for (int v = 0; v < GRID.voxelCount(); v++) {
            if (d.relativeUncertainty()[v] < 0.2 && d.doseRateMediumInMediumCGyPerH()[v] > 0) {
                double q = d.doseRateWaterInMediumCGyPerH()[v] / d.doseRateMediumInMediumCGyPerH()[v];
                assertThat(q).isBetween(lo, hi);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void seedOutsideThePhantomIsRefusedNamingIt() {
        MonteCarloDoseEngine e = new MonteCarloDoseEngine(M6711, VoxelPhantom.homogeneous(GRID, "water", 1.0),
                new MonteCarloSettings(1, 1, 0, 1000, 60));
        assertThatThrownBy(() -> e.run(List.of(new Seed(new Vec3(0, 0, 90), Vec3.UNIT_Z, 0.5)), GRID, f -> { }, () -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 1").hasMessageContaining("outside");
    }

    @Test
    void modelWithoutSeedGeometryIsRefusedNamingTheModelledOnes() {
        SourceModel m = SourceLibrary.builtIn().model("amersham6702");
        SourceModel userSeed = new SourceModel("user_seed", m.description(), m.doseRateConstantCGyPerHPerU(), m.activeLengthCm(),
                m.halfLifeDays(), m.gLine(), m.gPoint(), m.anisotropy(), m.phiAn(), m.dataStatus());
        assertThatThrownBy(() -> new MonteCarloDoseEngine(userSeed, VoxelPhantom.homogeneous(GRID, "water", 1.0),
                new MonteCarloSettings(1, 1, 0, 1000, 60))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user_seed").hasMessageContaining("amersham6702").hasMessageContaining("amersham6711")
                .hasMessageContaining("isoaid_iai125a");
    }

    @Test
    void unknownPhantomMaterialIsRefused() {
        assertThatThrownBy(() -> new MonteCarloDoseEngine(M6711, VoxelPhantom.homogeneous(GRID, "granite", 2.7),
                new MonteCarloSettings(1, 1, 0, 1000, 60))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("granite");
    }
}
