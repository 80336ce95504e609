package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * {@link NeedleCentreline#besideOtherSteel}: one slab's voxels across a needle in the axial plane, as a 12-bit scan shows them
 * (the needle's steel clipped at 3 071 HU, blurred), with and without a seed's steel 2.4 mm to one side.
 */
class NeedleCentrelineBesideSteelTest {

    /** The needle's steel (0.64 mm radius) blurred by an in-plane Gaussian of FWHM 0.8 mm, clipped, at offset {@code a} mm from its axis. */
    private static double needleHu(double a) {
        double sigma = 0.8 / 2.3548;
        double v = 40 + 30000 * (erf((0.64 - a) / (Math.sqrt(2) * sigma)) + erf((0.64 + a) / (Math.sqrt(2) * sigma))) / 2;
        return Math.min(3071, v);
    }

    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    /**
     * The voxels a slab counts (above {@link NeedleCentreline#BASE_HU}) every 0.25 mm across, ±2.5 mm, the needle's axis at
     * {@code axisMm}, a seed's steel (0.4 mm radius) 2.4 mm from it when asked.
     */
    private static NeedleCentreline.SlabVoxels slab(double axisMm, boolean seed) {
        NeedleCentreline.SlabVoxels v = new NeedleCentreline.SlabVoxels();
        for (double a = -2.5; a <= 2.5 + 1e-9; a += 0.25) {
            double hu = needleHu(a - axisMm);
            if (seed) {
                hu = Math.max(hu, needleHu((a - axisMm - 2.4) * 0.64 / 0.4));
            }
            if (hu > NeedleCentreline.BASE_HU) {
                v.add(0, a, hu, new Vec3(a, 0, 0));
            }
        }
        return v;
    }

    private static double[] sums(NeedleCentreline.SlabVoxels v) {
        double[] s = new double[4];
        for (int q = 0; q < v.size; q++) {
            double w = v.hu[q] - NeedleCentreline.BASE_HU;
            s[0] += w;
            s[1] += w * v.place[q].x();
        }
        return s;
    }

    @Test
    void aSeedBesideTheNeedleIsLeftOutOfTheSlabsCentroid() {
        // The needle 0.3 mm from the curve, the seed 2.7 mm: with the seed counted the centroid reads about 1 mm towards it
        // (the 4723 n2 slabs read 0.6–1.5 mm); within the window about the needle's steel, within 0.1 mm of its axis (the
        // window centred on a 0.5 mm bin, then on the centroid: its balance left to a few hundredths).
        NeedleCentreline.SlabVoxels v = slab(0.3, true);
        double[] s = sums(v);
        assertThat(s[1] / s[0]).as("centroid with the seed").isGreaterThan(0.8);
        double[] sw = {s[0]};
        double[] sx = {s[1]};
        assertThat(NeedleCentreline.besideOtherSteel(v, 1, NeedleFinder.METAL_HU, (slab, across) -> false, sw, sx, new double[1], new double[1])).isTrue();
        assertThat(sx[0] / sw[0]).as("centroid about the needle's steel").isCloseTo(0.3, within(0.1));
    }

    @Test
    void aNeedleAloneKeepsItsSlab() {
        NeedleCentreline.SlabVoxels v = slab(0.3, false);
        double[] s = sums(v);
        double[] sw = {s[0]};
        double[] sx = {s[1]};
        assertThat(NeedleCentreline.besideOtherSteel(v, 1, NeedleFinder.METAL_HU, (slab, across) -> false, sw, sx, new double[1], new double[1])).isFalse();
        assertThat(sx[0]).isEqualTo(s[1]);
        assertThat(sx[0] / sw[0]).isCloseTo(0.3, within(0.05));
    }
}
