package org.seedplan.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

class MarginExpansionTest {

    private static double sphereCc(double r) {
        return 4.0 / 3 * Math.PI * r * r * r / 1000;
    }

    /**
     * A sphere of radius 10 mm (contoured every 1 mm, so that the input is a sphere to 0.3 %)
     * expanded by 5 mm on a 1 × 1 × 2.5 mm grid, at 6 random sub-voxel positions: within 1.5 % of
     * the analytic 15 mm sphere (14.14 cc), i.e. the new surface within about 0.07 mm of 15 mm on
     * average. (Contoured on 2.5 mm slices the input is a stack of 2.5 mm discs, not a sphere, and
     * the result comes out 1.3–2 % above the 15 mm sphere.)
     */
    @Test
    void sphereTenPlusFiveMatchesSphereFifteen() {
        Random random = new Random(7);
        Grid grid = Shapes.grid(25, 25);
        for (int trial = 0; trial < 6; trial++) {
            Vec3 c = new Vec3(random.nextDouble() - 0.5, random.nextDouble() - 0.5, 2.5 * random.nextDouble() - 1.25);
            Mask gtv = MaskRasterizer.rasterize(Shapes.sphere("GTV", c, 10, 1.0, random.nextDouble()), grid);
            Mask ctv = MarginExpansion.expand(gtv, 5, "CTV");
            assertThat(ctv.name()).isEqualTo("CTV");
            assertThat(ctv.volumeCc()).isCloseTo(sphereCc(15), within(0.015 * sphereCc(15)));
        }
    }

    /**
     * Contraction of a 15 mm sphere (contoured every 1 mm) by 5 mm on 1 × 1 × 2.5 mm: within 2 % of
     * the 10 mm sphere (4.19 cc); the same surface error as the expansion weighs more on a smaller sphere.
     */
    @Test
    void sphereFifteenMinusFiveMatchesSphereTen() {
        Random random = new Random(11);
        Grid grid = Shapes.grid(20, 20);
        for (int trial = 0; trial < 6; trial++) {
            Vec3 c = new Vec3(random.nextDouble() - 0.5, random.nextDouble() - 0.5, 2.5 * random.nextDouble() - 1.25);
            Mask big = MaskRasterizer.rasterize(Shapes.sphere("big", c, 15, 1.0, random.nextDouble()), grid);
            Mask small = MarginExpansion.expand(big, -5, "small");
            assertThat(small.volumeCc()).isCloseTo(sphereCc(10), within(0.02 * sphereCc(10)));
        }
    }

    /** The expansion contains the original voxel by voxel (a CTV never loses GTV volume). */
    @Test
    void expansionContainsOriginal() {
        Grid grid = Shapes.grid(20, 20);
        Mask gtv = MaskRasterizer.rasterize(Shapes.ellipsoid("GTV", new Vec3(0.3, 0.1, 0.4), 8, 5, 6, 2.5, grid.z(0)), grid);
        Mask ctv = MarginExpansion.expand(gtv, 3, "CTV");
        for (int n = 0; n < gtv.fraction().length; n++) {
            assertThat(ctv.fraction()[n]).isGreaterThanOrEqualTo(gtv.fraction()[n]);
        }
    }

    /** Along an axis the expanded surface lies exactly the margin beyond the midpoint between inside and outside voxels. */
    @Test
    void slabExpandsByExactMarginAlongAxis() {
        Grid grid = new Grid(Vec3.ZERO, 1, 1, 2.5, 30, 12, 12);
        float[] f = new float[grid.voxelCount()];
        for (int k = 3; k <= 8; k++) {
            for (int j = 3; j <= 8; j++) {
                for (int i = 10; i <= 14; i++) {
                    f[grid.index(i, j, k)] = 1;
                }
            }
        }
        Mask slab = new Mask("slab", grid, f);
        Mask grown = MarginExpansion.expand(slab, 2.3, "grown");
        // surface at x = 14.5 moves to 16.8: voxel 16 (15.5 … 16.5) full, voxel 17 (16.5 … 17.5) 0.3 inside (float precision)
        assertThat(grown.fraction()[grid.index(16, 5, 5)]).isEqualTo(1f);
        assertThat(grown.fraction()[grid.index(17, 5, 5)]).isCloseTo(0.3f, within(1e-5f));
        assertThat(grown.fraction()[grid.index(18, 5, 5)]).isZero();
        assertThat(grown.fraction()[grid.index(7, 5, 5)]).isCloseTo(0.3f, within(1e-5f));
    }

    /** The 1D lower envelope equals brute-force min_p (h²(q − p)² + f(p)) exactly (1e-9), infinite samples included, with the right feature. */
    @Test
    void lowerEnvelopeEqualsBruteForce() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(40);
            double h = 0.5 + 2 * random.nextDouble();
            double[] f = new double[n];
            int[] feat = new int[n];
            for (int q = 0; q < n; q++) {
                f[q] = random.nextDouble() < 0.6 ? Double.POSITIVE_INFINITY : 30 * random.nextDouble();
                feat[q] = 1000 + q;
            }
            double[] out = new double[n];
            int[] featOut = new int[n];
            MarginExpansion.lowerEnvelope(f, feat, n, h, out, featOut, new int[n], new double[n + 1]);
            for (int q = 0; q < n; q++) {
                double best = Double.POSITIVE_INFINITY;
                for (int p = 0; p < n; p++) {
                    best = Math.min(best, h * h * (q - p) * (q - p) + f[p]);
                }
                if (Double.isInfinite(best)) {
                    assertThat(out[q]).isInfinite();
                    continue;
                }
                assertThat(out[q]).isCloseTo(best, within(1e-9));
                int p = featOut[q] - 1000;
                assertThat(h * h * (q - p) * (q - p) + f[p]).isCloseTo(best, within(1e-9));
            }
        }
    }

    @Test
    void expansionBeyondGridIsRefused() {
        Grid grid = Shapes.grid(12, 12);
        Mask gtv = MaskRasterizer.rasterize(Shapes.sphere("GTV", Vec3.ZERO, 10, 2.5, grid.z(0)), grid);
        assertThatThrownBy(() -> MarginExpansion.expand(gtv, 5, "CTV"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'GTV' by 5.0 mm").hasMessageContaining("enlarge the grid");
    }
}
