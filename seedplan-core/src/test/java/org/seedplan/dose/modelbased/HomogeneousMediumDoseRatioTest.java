package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * Dose around one 6711 seed in homogeneous lung, adipose tissue and cortical bone (TG-186 Table III: lung, inflated; mean
 * adipose; cortical bone — the compositions patients are given) relative to water: the Monte
 * Carlo engine (Dm,m in a 20 cm cube of the medium over Dm,m in the same cube of water, on the seed's transverse
 * plane) against {@link IndependentHomogeneousDose}, an energy-absorption random walk written apart from the engine
 * with the same μ/ρ and μen/ρ tables.
 *
 * <p>The 6711's emitted spectrum holds the I-125 lines (TG-43U1 Table I) and the silver K x-rays its rod makes
 * (22.1 and 24.9 keV, in the ratio of xraylib's Ag K line rates, 0.83 : 0.17); their share of the emitted photons is
 * not published in a form we can cite, so the independent model is run with 10 %, 20 % and 30 % silver x-rays.
 *
 * <p>Tolerances. Lung and adipose, 1–5 cm: within 4 % + 3σ of the model with 20 % silver, σ the Monte Carlo ratio's
 * statistical 1σ from the engine's per-voxel uncertainties (ring means of 1 mm voxels: about 1 % at 1 cm, 3 % at
 * 5 cm with 10⁶ photons). The 4 % is the model's own error: isotropic scattering without energy loss reproduces the
 * consensus g(r) of the 6711 in water within 2 % at 1.5–5 cm ({@link IndependentHomogeneousDoseTest}), the
 * medium-to-water ratio cancels most of what remains, and the silver share (10–30 %) moves the model's ratio by
 * up to ±4 % in lung at 3 cm, less in adipose. Cortical bone, 1 and 2 cm: between the models with 30 % and 10 %
 * silver, widened by the same 4 % + 3σ: photoabsorption in bone (μ ≈ 2 cm⁻¹) makes the ratio steep in energy (the
 * silver share alone moves it ±12 % at 1 cm), so only the band can be asserted; beyond 2 cm the dose in bone has
 * fallen by e⁻⁴ and a CI run gets too few photons there. Cortical bone, 1 and 2 cm: between the models with 30 % and 10 % silver, widened by 12 %:
 * photoabsorption in bone (μ ≈ 2 cm⁻¹) makes the ratio steep in energy (the silver share alone moves it ±12 % at 1 cm)
 * and the dose falls by e⁻² per cm, so the ring's 1 mm voxels and the Compton energy loss the model leaves out
 * weigh more; bone beyond 2 cm gets too few photons in a CI run.
 */
class HomogeneousMediumDoseRatioTest {

    static final double[] ENERGY_KEV = {27.202, 27.472, 30.980, 31.710, 35.492, 22.1, 24.9};
    private static final Grid PHANTOM = new Grid(new Vec3(-97.5, -97.5, -97.5), 5, 5, 5, 40, 40, 40);
    private static final Grid SCORING = new Grid(new Vec3(-50, -50, 0), 1, 1, 1, 101, 101, 1);
    private static final int RINGS = 51;
    /** The independent model's own error in the ratio (it meets the water g(r) within 2 %, ratios at 1–3 cm within 1.5 %). */
    static final double MODEL_TOLERANCE = 0.04;
    private static final MaterialLibrary LIBRARY = MaterialLibrary.standard();
    private static Rings water;

    @BeforeAll
    static void waterRings() {
        water = monteCarloRings("water", 1.0, 1_000_000);
    }

    /** Ring means of the dose rate and their relative statistical 1σ. */
    record Rings(double[] mean, double[] sigma) {

        double ratio(Rings water, int r) {
            return mean[r] / water.mean[r];
        }

        double ratioSigma(Rings water, int r) {
            return Math.hypot(sigma[r], water.sigma[r]);
        }
    }

    @Test
    void lungDoseRelativeToWaterMatchesTheIndependentModel() {
        checkSoftMedium("lung-inflated", 0.26);
    }

    @Test
    void adiposeDoseRelativeToWaterMatchesTheIndependentModel() {
        checkSoftMedium("mean-adipose", 0.95);
    }

    @Test
    void corticalBoneDoseRelativeToWaterLiesInTheIndependentModelsBand() {
        Rings mc = monteCarloRings("cortical-bone", 1.92, 1_000_000);
        double[] rich = modelRatio("cortical-bone", 1.92, 0.3);
        double[] poor = modelRatio("cortical-bone", 1.92, 0.1);
        for (int r : new int[] {10, 20}) {
            double ratio = mc.ratio(water, r);
            System.out.printf(Locale.ROOT, "cortical-bone %d mm: Monte Carlo %.3f ± %.1f %%, model %.3f (30 %% Ag) to %.3f (10 %% Ag)%n", r,
                    ratio, 100 * mc.ratioSigma(water, r), rich[r], poor[r]);
            double widen = 1 + MODEL_TOLERANCE + 3 * mc.ratioSigma(water, r);
            assertThat(ratio).as("bone at %d mm", r).isBetween(rich[r] / widen, poor[r] * widen);
        }
    }

    private static void checkSoftMedium(String material, double density) {
        Rings mc = monteCarloRings(material, density, 1_000_000);
        double[] model = modelRatio(material, density, 0.2);
        for (int r : new int[] {10, 20, 30, 40, 50}) {
            double ratio = mc.ratio(water, r);
            double sigma = mc.ratioSigma(water, r);
            System.out.printf(Locale.ROOT, "%s %d mm: Monte Carlo %.3f ± %.1f %% (1σ), independent model %.3f (%+.1f %%)%n", material, r,
                    ratio, 100 * sigma, model[r], 100 * (ratio / model[r] - 1));
            assertThat(Math.abs(ratio / model[r] - 1)).as("%s at %d mm", material, r).isLessThanOrEqualTo(MODEL_TOLERANCE + 3 * sigma);
        }
    }

    /** Mean Dm,m rate of the transverse-plane voxels in 1 mm rings around a 6711 seed at the centre of a cube of the material. */
    private static Rings monteCarloRings(String material, double density, long photons) {
        VoxelPhantom phantom = VoxelPhantom.homogeneous(PHANTOM, material, density);
        MonteCarloDose d = new MonteCarloDoseEngine(SourceLibrary.builtIn().model("amersham6711"), phantom,
                new MonteCarloSettings(17, 2, 0, photons, 120)).run(List.of(new Seed(Vec3.ZERO, Vec3.UNIT_Z, 1.0)), SCORING, f -> { },
                () -> false);
        double[] sum = new double[RINGS];
        double[] variance = new double[RINGS];
        int[] n = new int[RINGS];
        for (int v = 0; v < SCORING.voxelCount(); v++) {
            Vec3 c = SCORING.centre(v);
            int k = (int) Math.round(Math.hypot(c.x(), c.y()));
            if (k < RINGS) {
                double dose = d.doseRateMediumInMediumCGyPerH()[v];
                sum[k] += dose;
                variance[k] += Math.pow(dose * d.relativeUncertainty()[v], 2);
                n[k]++;
            }
        }
        double[] sigma = new double[RINGS];
        for (int k = 0; k < RINGS; k++) {
            sigma[k] = Math.sqrt(variance[k]) / sum[k];
            sum[k] /= n[k];
        }
        return new Rings(sum, sigma);
    }

    /** The independent model's medium-to-water dose ratio in 1 mm shells centred on whole millimetres. */
    private static double[] modelRatio(String material, double density, double silverShare) {
        double[] w = spectrum(silverShare);
        double[] m = IndependentHomogeneousDose.shellDose(LIBRARY, material, density, ENERGY_KEV, w, 10, 0.1, 0.05, RINGS, 300_000, 3);
        double[] ref = IndependentHomogeneousDose.shellDose(LIBRARY, "water", 1.0, ENERGY_KEV, w, 10, 0.1, 0.05, RINGS, 300_000, 3);
        double[] out = new double[RINGS];
        for (int k = 0; k < RINGS; k++) {
            out[k] = m[k] / ref[k];
        }
        return out;
    }

    /** Relative yields: the I-125 lines per decay (TG-43U1 Table I) and silver K x-rays making {@code silverShare} of all photons. */
    static double[] spectrum(double silverShare) {
        double[] iodine = {0.406, 0.757, 0.202, 0.0439, 0.0668};
        double sum = 0;
        for (double y : iodine) {
            sum += y;
        }
        double silver = silverShare / (1 - silverShare) * sum;
        return new double[] {iodine[0], iodine[1], iodine[2], iodine[3], iodine[4], 0.83 * silver, 0.17 * silver};
    }
}
