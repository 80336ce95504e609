package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;

/**
 * The DVH band of a Monte Carlo dose against the binomial law it must follow: N whole voxels at one dose d0 with
 * relative uncertainty u, independent, receive at least D each with p = 1 − Φ((D − d0)/(u·d0)), so V(D) in % has
 * σ = 100·√(p(1 − p)/N). The dose here is the mean of {@value #GROUPS} synthetic groups of histories, each voxel of each
 * group d0·(1 + u·√G·z) with z standard normal (fixed seed), so the mean has relative uncertainty u; half-samples of
 * 20 groups estimate σ to about ±19 % of itself (±16 % from the 20 groups, 1/√(2·19), and ±10 % from its 50 replicates), so
 * each point is asserted within ±50 % (about 2.6 of those). The band is far
 * narrower than shifting all voxels by ±u together would draw (that would take V(95 Gy) from about 84 % to about 50 %):
 * the reason it is the band to draw.
 */
class DvhBandTest {

    private static final double D0_GY = 100;
    private static final double U = 0.05;
    private static final int GROUPS = 20;

    @Test
    void bandOfAUniformNoisyDoseIsTheBinomialSpreadOfItsVoxels() {
        Grid grid = new Grid(new Vec3(0, 0, 0), 1, 1, 1, 40, 40, 40);
        int n = grid.voxelCount();
        float[] full = new float[n];
        Arrays.fill(full, 1f);
        float[][] groups = new float[GROUPS][n];
        float[] dose = new float[n];
        SplittableRandom rng = new SplittableRandom(17);
        for (int g = 0; g < GROUPS; g++) {
            for (int v = 0; v < n; v++) {
                groups[g][v] = (float) (D0_GY * (1 + U * Math.sqrt(GROUPS) * rng.nextGaussian()));
                dose[v] += groups[g][v] / GROUPS;
            }
        }
        float[] u = new float[n];
        Arrays.fill(u, (float) U);
        long[] photons = new long[GROUPS];
        Arrays.fill(photons, 1000);
        DoseMetricsCalculator calc = new DoseMetricsCalculator(List.of(RoiMask.of(new Mask("CTV", grid, full), StructureType.CTV)), grid, 100);
        MetricUncertainty.Result r = MetricUncertainty.withDvhBands(calc,
                new SpecifiedDose(new DoseGrid(grid, dose), DoseSpecification.DM_M, u, groups, photons));
        DvhBand band = r.bands().get(0);
        assertThat(band.structure()).isEqualTo("CTV");
        // 1 - Φ(z) at z = −1, 0, 1 (standard normal tail, Abramowitz & Stegun Table 26.1)
        double[][] expected = {{95, 0.841344746}, {100, 0.5}, {105, 0.158655254}};
        for (double[] e : expected) {
            int i = nearest(band.doseGy(), e[0]);
            double p = 1 - normalCdf((band.doseGy()[i] - D0_GY) / (U * D0_GY));
            double sigma = 100 * Math.sqrt(p * (1 - p) / n);
            assertThat(p).as("the axis point nearest %.0f Gy", e[0]).isCloseTo(e[1], within(0.03));
            assertThat(band.sigmaPct()[i]).as("σ of V(%.1f Gy)", band.doseGy()[i]).isCloseTo(sigma, within(0.5 * sigma));
        }
        assertThat(band.volumePct()[0]).isCloseTo(100, within(1e-6));
        assertThat(band.maxSigmaPct()).as("no voxel-shift band: far below the 34 points a ±u shift of all voxels draws").isLessThan(1);
        assertThat(band.lowerPct(0)).isLessThanOrEqualTo(band.volumePct()[0]);
        assertThat(band.upperPct(0)).isLessThanOrEqualTo(100);
    }

    /** Φ by the error function's Abramowitz & Stegun 7.1.26 approximation (|error| below 1.5·10⁻⁷). */
    private static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** The axis point nearest {@code gy}; the axis ends at 1.05 × Dmax, so its step here is 105/160 Gy. */
    private static int nearest(double[] axis, double gy) {
        int best = 0;
        for (int i = 1; i < axis.length; i++) {
            if (Math.abs(axis[i] - gy) < Math.abs(axis[best] - gy)) {
                best = i;
            }
        }
        return best;
    }
}
