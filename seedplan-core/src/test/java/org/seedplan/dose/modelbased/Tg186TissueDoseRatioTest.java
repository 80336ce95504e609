package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.montecarlo.MonteCarloDose;
import org.seedplan.dose.montecarlo.MonteCarloDoseEngine;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * Dm,m / Dw,m in every TG-186 Table III tissue the patient model uses, against the ratio of mass energy-absorption
 * coefficients (μen/ρ)_medium / (μen/ρ)_water of the same cross-section tables. One 6711 at the centre of a 4 cm cube of the
 * tissue at its nominal density, 10⁵ photons, 2 mm voxels 5–18 mm from the seed. On the same tracks the engine scores
 * Σ E·ℓ·(μen/ρ)_m for Dm,m and Σ E·ℓ·(μen/ρ)_w for Dw,m, so their ratio is a mean of (μen/ρ)_m/(μen/ρ)_w over the energies of
 * the photons crossing the voxel, with positive weights: it must lie between that ratio's smallest and largest value over
 * those energies, whatever the voxel's statistics. The energies: 35.5 keV (the highest I-125 line) down to 10 keV for the soft
 * tissues (no K x-rays above 3 keV are made in them; photons scattered down below 10 keV from 27–35 keV need eight or more
 * Compton scatters and are photo-absorbed long before), down to 1 keV in cortical bone (its Ca K x-rays, 3.7 keV). This is a
 * check of the tables' use, not a tolerance tuned on the result: no margin is added. The ratio at 27.5 keV, where most of
 * the dose is, is printed beside the Monte Carlo's mean for docs/model-based-dose.md.
 */
class Tg186TissueDoseRatioTest {

    private static final SourceModel M6711 = SourceLibrary.builtIn().model("amersham6711");
    private static final Grid GRID = new Grid(new Vec3(-20, -20, -20), 2, 2, 2, 21, 21, 21);
    private static final MaterialLibrary LIB = MaterialLibrary.standard();

    @Test
    void dmmOverDwmInEachTg186TissueLiesWithinItsEnergyAbsorptionRatio() {
        List<String> tissues = List.of("mean-male-soft-tissue", "mean-female-soft-tissue", "liver", "prostate", "heart", "mean-skin",
                "eye-lens", "mean-gland", "mean-adipose", "lung-inflated", "cortical-bone");
        for (String t : tissues) {
            double lowestKeV = t.equals("cortical-bone") ? 1 : 10;
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (double e = lowestKeV; e <= 35.5; e += 0.05) {
                double q = ratio(t, e);
                lo = Math.min(lo, q);
                hi = Math.max(hi, q);
            }
            double density = LIB.material(t).nominalDensityGPerCm3();
            MonteCarloDose d = new MonteCarloDoseEngine(M6711, VoxelPhantom.homogeneous(GRID, t, density),
                    new MonteCarloSettings(11, 2, 0, 100_000, 600)).run(List.of(new Seed(new Vec3(0, 0, 0), Vec3.UNIT_Z, 0.5)), GRID,
                    f -> { }, () -> false);
            double mm = 0;
            double wm = 0;
            int checked = 0;
            for (int v = 0; v < GRID.voxelCount(); v++) {
                double r = GRID.centre(v).norm();
                float dm = d.doseRateMediumInMediumCGyPerH()[v];
                if (r >= 5 && r <= 18 && dm > 0) {
                    double q = dm / d.doseRateWaterInMediumCGyPerH()[v];
                    assertThat(q).as(t + " voxel at " + r + " mm").isBetween(lo, hi);
                    mm += dm;
                    wm += d.doseRateWaterInMediumCGyPerH()[v];
                    checked++;
                }
            }
            System.out.printf(Locale.ROOT, "%-24s %.3f g/cm3: Dm,m/Dw,m %.4f over %d voxels; mu_en ratio %.4f at 27.5 keV, %.4f-%.4f over %.0f-35.5 keV%n",
                    t, density, mm / wm, checked, ratio(t, 27.5), lo, hi, lowestKeV);
            assertThat(checked).as(t + " voxels checked").isGreaterThan(1000);
        }
    }

    private static double ratio(String medium, double keV) {
        return LIB.massEnergyAbsorptionCm2PerG(medium, keV) / LIB.massEnergyAbsorptionCm2PerG("water", keV);
    }
}
