package org.seedplan.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

class MaskOpsTest {

    private static final double R = 10;
    private static final double D = 8;

    private final Grid grid = Shapes.grid(22, 16);
    private final Mask a = MaskRasterizer.rasterize(Shapes.sphere("A", new Vec3(-D / 2, 0.3, 0.2), R, 1.0, 0.4), grid);
    private final Mask b = MaskRasterizer.rasterize(Shapes.sphere("B", new Vec3(D / 2, 0.3, 0.2), R, 1.0, 0.4), grid);

    /** Lens of two spheres of radius R whose centres are d apart: π(4R + d)(2R − d)²/12 (mm³). */
    private static double lensCc() {
        return Math.PI * (4 * R + D) * (2 * R - D) * (2 * R - D) / 12 / 1000;
    }

    private static double sphereCc() {
        return 4.0 / 3 * Math.PI * R * R * R / 1000;
    }

    /**
     * Two spheres (R 10 mm, centres 8 mm apart, contoured every 1 mm, 1 × 1 × 2.5 mm grid): the
     * intersection matches the analytic lens (1.81 cc) within 3 % and the union 2·V − lens within
     * 2 %. The lens is small and its boundary voxels are cut by two surfaces, where min(a, b)
     * (nested parts) is an approximation: hence 3 %.
     */
    @Test
    void intersectionAndUnionMatchAnalyticLens() {
        Mask both = MaskOps.intersection(a, b, "A and B");
        Mask either = MaskOps.union(a, b, "A or B");
        assertThat(both.name()).isEqualTo("A and B");
        assertThat(both.volumeCc()).isCloseTo(lensCc(), within(0.03 * lensCc()));
        double unionCc = 2 * sphereCc() - lensCc();
        assertThat(either.volumeCc()).isCloseTo(unionCc, within(0.02 * unionCc));
    }

    /** The identities that max/min/bounded difference keep exactly (to float summation, 1e-9 relative). */
    @Test
    void volumesAddUp() {
        Mask both = MaskOps.intersection(a, b, "and");
        Mask either = MaskOps.union(a, b, "or");
        Mask aOnly = MaskOps.subtract(a, b, "A minus B");
        assertThat(either.volumeCc() + both.volumeCc()).isCloseTo(a.volumeCc() + b.volumeCc(), within(1e-6));
        assertThat(aOnly.volumeCc() + both.volumeCc()).isCloseTo(a.volumeCc(), within(1e-6));
        // A minus B is the sphere minus the lens (float fractions: within 1e-6 cc)
        assertThat(aOnly.volumeCc()).isCloseTo(a.volumeCc() - both.volumeCc(), within(1e-6));
    }

    /** Partial voxels of the result keep a centroid inside the voxel. */
    @Test
    void subtractionCentroidsStayInsideVoxels() {
        Mask aOnly = MaskOps.subtract(a, b, "A minus B");
        VoxelCentroids c = aOnly.centroids();
        assertThat(c.size()).isPositive();
        for (int n = 0; n < c.size(); n++) {
            assertThat(Math.abs(c.dxMm()[n])).isLessThanOrEqualTo(0.5f);
            assertThat(Math.abs(c.dyMm()[n])).isLessThanOrEqualTo(0.5f);
            assertThat(Math.abs(c.dzMm()[n])).isLessThanOrEqualTo(1.25f);
        }
    }

    @Test
    void differentGridsAreRefused() {
        Grid other = Shapes.grid(23, 16);
        Mask c = MaskRasterizer.rasterize(Shapes.sphere("rectum", Vec3.ZERO, 5, 1.0, 0), other);
        assertThatThrownBy(() -> MaskOps.subtract(a, c, "A minus rectum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'A' and 'rectum'").hasMessageContaining("same grid");
    }
}
