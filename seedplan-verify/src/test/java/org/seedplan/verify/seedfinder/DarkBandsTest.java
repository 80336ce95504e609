package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The band shape and the depth learned from single seeds of {@link DarkBands} (docs/seed-finder.md, fifteenth round). */
class DarkBandsTest {

    @Test
    void aBandDeepensFromTheObjectsCentreTowardsTheOtherObjectAndFadesAcross() {
        // An object at the origin, another 20 mm along x. Exact values of the shape (no tolerance beyond rounding).
        assertThat(DarkBands.band(0, 0, 0, 0, 20, 0)).isEqualTo(0);
        assertThat(DarkBands.band(1, 0, 0, 0, 20, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(DarkBands.band(5, 0, 0, 0, 20, 0)).isCloseTo(1, within(1e-12));
        // Across the line, a Gaussian of σ 1 mm; behind the object and beyond the other, nothing.
        assertThat(DarkBands.band(5, 1, 0, 0, 20, 0)).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(DarkBands.band(-1, 0, 0, 0, 20, 0)).isEqualTo(0);
        assertThat(DarkBands.band(21, 0, 0, 0, 20, 0)).isEqualTo(0);
    }

    @Test
    void theDepthIsWhatTheSingleSeedsLeaveAlongTheirBandsAndNeverNegative() {
        // Misfits exactly 150 HU per unit of band (the clipped voxels, NaN, left out): the depth is 150 HU.
        double[] dark = {0, 0.5, 1, 0.25};
        double[] misfit = {Double.NaN, 75, 150, 37.5};
        assertThat(DarkBands.depth(one(dark, misfit))).isCloseTo(150, within(1e-9));
        // Seeds brighter than the model along their bands: no band (a brightening is not beam hardening's).
        assertThat(DarkBands.depth(one(dark, new double[] {Double.NaN, -10, -20, -5}))).isEqualTo(0);
        assertThat(DarkBands.depth(new java.util.ArrayList<>())).isEqualTo(0);
    }

    /** One single seed's darkening per band depth and misfit, as the finder hands them to {@link DarkBands#depth}. */
    private static List<double[][]> one(double[] dark, double[] misfit) {
        List<double[][]> out = new java.util.ArrayList<>();
        out.add(new double[][] {dark, misfit});
        return out;
    }
}
