package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scattering angles the transport samples in water against xraylib's differential cross sections, integrated
 * independently of the engine's tables and sampling: the share of scatters in ten bins of cos θ (width 0.2, from −1)
 * and the mean cos θ (and, for incoherent scattering, the mean E'/E) of {@code DCS_Rayl_CP("H2O", E, θ)} and
 * {@code DCS_Compt_CP("H2O", E, θ)} (Debian python3-xraylib 4.0.0, the tables' source; midpoint rule over 2·10⁵ steps
 * in cos θ, E'/E of the Compton formula). A wrong x = sin(θ/2)/λ scale, a form factor or incoherent function on the
 * wrong grid, or a sampling slip would move the forward bin of coherent scattering (65 % of it at 27.5 keV) by tens of
 * percent and make the scatter too forward or too broad, which shows in g(r) and in F near the seed axis.
 *
 * <p>Tolerance per bin: 4σ of the 4·10⁵ samples plus 1 % of the share (the tables are linear in x at 0.01 Å⁻¹ steps
 * and their integrals agree with xraylib's CS_Rayl / CS_Compt within 0.4 %); mean cos θ within 0.004 (4σ).
 */
class ScatteringAngleSamplingTest {

    private static final int SAMPLES = 400_000;

    @ParameterizedTest(name = "coherent in water at {0} keV")
    @CsvSource(delimiter = ';', value = {
        "22.1; 0.64714; 0.02787,0.02642,0.02558,0.02592,0.02817,0.03326,0.04266,0.05988,0.10254,0.62770",
        "27.47; 0.69304; 0.01858,0.01915,0.02017,0.02196,0.02533,0.03172,0.04368,0.06492,0.10699,0.64751",
        "35.49; 0.76337; 0.01026,0.01042,0.01111,0.01305,0.01724,0.02519,0.03929,0.06580,0.12018,0.68747"})
    void coherentAnglesFollowXraylibsRayleighCrossSection(double energyKeV, double meanCos, String bins) {
        MaterialData water = MaterialLibrary.standard().data("water");
        SplittableRandom rng = new SplittableRandom(11);
        double[] cos = new double[SAMPLES];
        for (int n = 0; n < SAMPLES; n++) {
            cos[n] = PhotonInteraction.coherentCosine(energyKeV, water, rng);
        }
        assertDistribution(cos, meanCos, bins);
    }

    @ParameterizedTest(name = "incoherent in water at {0} keV")
    @CsvSource(delimiter = ';', value = {
        "22.1; -0.03227; 0.95789; 0.13879,0.11540,0.09765,0.08572,0.07975,0.07980,0.08579,0.09733,0.11290,0.10687",
        "27.47; -0.01545; 0.94918; 0.13445,0.11246,0.09574,0.08456,0.07916,0.07968,0.08610,0.09811,0.11450,0.11524",
        "35.49; 0.00613; 0.93695; 0.12880,0.10852,0.09311,0.08293,0.07833,0.07962,0.08692,0.09999,0.11756,0.12421"})
    void incoherentAnglesAndEnergiesFollowXraylibsComptonCrossSection(double energyKeV, double meanCos, double meanEnergyRatio,
            String bins) {
        MaterialData water = MaterialLibrary.standard().data("water");
        SplittableRandom rng = new SplittableRandom(13);
        double[] cos = new double[SAMPLES];
        double ratioSum = 0;
        for (int n = 0; n < SAMPLES; n++) {
            double[] c = PhotonInteraction.incoherent(energyKeV, water, rng);
            cos[n] = c[0];
            ratioSum += c[1];
        }
        assertDistribution(cos, meanCos, bins);
        assertThat(ratioSum / SAMPLES).as("mean E'/E").isCloseTo(meanEnergyRatio, within(0.0005));
    }

    private static void assertDistribution(double[] cos, double meanCos, String bins) {
        String[] expected = bins.split(",");
        double[] share = new double[expected.length];
        double sum = 0;
        for (double c : cos) {
            share[Math.min(expected.length - 1, (int) ((c + 1) / 0.2))] += 1.0 / cos.length;
            sum += c;
        }
        for (int b = 0; b < expected.length; b++) {
            double p = Double.parseDouble(expected[b]);
            double sigma = Math.sqrt(p * (1 - p) / cos.length);
            assertThat(share[b]).as("share of cos θ in [%.1f, %.1f)", -1 + 0.2 * b, -0.8 + 0.2 * b)
                    .isCloseTo(p, within(4 * sigma + 0.01 * p));
        }
        assertThat(sum / cos.length).as("mean cos θ").isCloseTo(meanCos, within(0.004));
    }
}
