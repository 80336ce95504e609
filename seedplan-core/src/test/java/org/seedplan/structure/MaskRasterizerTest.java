package org.seedplan.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

class MaskRasterizerTest {

    /**
     * Spheres of 0.5–100 cc contoured every 1 mm (fine enough that the slab model itself is within
     * about 1 % of the sphere: midpoint-rule error h²/8R² ≤ 0.5 % at R = 4.9 mm plus at most a
     * 3h²/16R² cap error at the poles), sampled on a 1 × 1 × 2.5 mm grid at 5 random sub-voxel
     * positions each: within 2 % of 4/3·πR³, the acceptance tolerance.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 5, 20, 100})
    void sphereVolumeMatchesAnalyticWithinTwoPercent(double cc) {
        Random random = new Random(Double.hashCode(cc));
        double r = Shapes.radiusForCc(cc);
        Grid grid = Shapes.grid(r + 8, r + 8);
        for (int trial = 0; trial < 5; trial++) {
            Vec3 centre = new Vec3(random.nextDouble() * 2 - 1, random.nextDouble() * 2 - 1, random.nextDouble() * 3 - 1.5);
            Structure s = Shapes.sphere("sphere", centre, r, 1.0, random.nextDouble());
            Mask mask = MaskRasterizer.rasterize(s, grid);
            assertThat(mask.volumeCc()).isCloseTo(cc, within(0.02 * cc));
        }
    }

    /**
     * Ellipsoids (semi-axes a : b : c = 1 : 0.6 : 1.4, tilted in no direction) of 0.5–100 cc, contours every
     * 1 mm on a 1 × 1 × 2.5 mm grid: within 2 % of 4/3·πabc, as for spheres.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2, 30, 100})
    void ellipsoidVolumeMatchesAnalyticWithinTwoPercent(double cc) {
        double scale = Math.cbrt(cc * 1000 * 3 / (4 * Math.PI * 0.6 * 1.4));
        double a = scale, b = 0.6 * scale, c = 1.4 * scale;
        Grid grid = Shapes.grid(a + 6, c + 6);
        Structure s = Shapes.ellipsoid("ellipsoid", new Vec3(0.3, -0.2, 0.7), a, b, c, 1.0, 0.25);
        Mask mask = MaskRasterizer.rasterize(s, grid);
        assertThat(mask.volumeCc()).isCloseTo(cc, within(0.02 * cc));
    }

    /**
     * Contours on the CT slices themselves (every 2.5 mm): the mask reproduces the slab model
     * (Σ polygon area × slab thickness, computed independently by the shoelace formula) to 0.2 %,
     * the in-plane scan-line sampling error bound; the slab model's own error against the sphere is
     * a property of the contours, not of the rasteriser.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 5, 100})
    void maskVolumeEqualsSlabModelVolume(double cc) {
        double r = Shapes.radiusForCc(cc);
        Grid grid = Shapes.grid(r + 5, r + 6);
        Structure s = Shapes.sphere("sphere", new Vec3(0.37, -0.21, 0.4), r, 2.5, grid.z(0));
        Mask mask = MaskRasterizer.rasterize(s, grid);
        double slab = Shapes.slabVolumeCc(s, grid.dzMm());
        assertThat(mask.volumeCc()).isCloseTo(slab, within(0.002 * slab));
    }

    /** An annulus (outer r 10 mm, hole r 4 mm) on one plane: area π(10² − 4²) times one slice, within 0.5 % (128-gons keep 99.96 % of the area). */
    @Test
    void holeIsSubtractedByEvenOddRule() {
        Grid grid = Shapes.grid(15, 5);
        double z = grid.z(2);
        Structure ring = new Structure("ring", StructureType.ORGAN,
                List.of(Shapes.ellipse(z, 0.2, 0.1, 10, 10), Shapes.ellipse(z, 0.2, 0.1, 4, 4)));
        Mask mask = MaskRasterizer.rasterize(ring, grid);
        double expectedCc = Math.PI * (100 - 16) * grid.dzMm() / 1000;
        assertThat(mask.volumeCc()).isCloseTo(expectedCc, within(0.005 * expectedCc));
        int centre = grid.index(15, 15, 2);
        assertThat(mask.fraction()[centre]).isZero();
    }

    /** A square aligned with voxel edges gives exact fractions: 1 inside, the overlap ratio on its edge (float precision). */
    @Test
    void squareGivesExactFractions() {
        Grid grid = new Grid(new Vec3(0, 0, 0), 1, 1, 2.5, 10, 10, 3);
        // x from 2.0 to 5.25 covers voxels 2..4 wholly (edges at 1.5 … 4.5) and voxel 5 (4.5 … 5.5) by 0.75
        Structure sq = new Structure("square", StructureType.ORGAN,
                List.of(new Contour(2.5, new double[] {2.0, 5.25, 5.25, 2.0}, new double[] {1.5, 1.5, 4.5, 4.5})));
        Mask mask = MaskRasterizer.rasterize(sq, grid);
        assertThat(mask.fraction()[grid.index(3, 3, 1)]).isEqualTo(1f);
        assertThat(mask.fraction()[grid.index(2, 3, 1)]).isCloseTo(0.5f, within(1e-6f));
        assertThat(mask.fraction()[grid.index(5, 3, 1)]).isCloseTo(0.75f, within(1e-6f));
        assertThat(mask.fraction()[grid.index(3, 3, 0)]).isZero();
        // the inside part of voxel 5 spans x 4.5 … 5.25: its centre is 0.125 mm below the voxel centre 5.0
        int at = mask.centroids().find(grid.index(5, 3, 1));
        assertThat(mask.centroids().dxMm()[at]).isCloseTo(-0.125f, within(1e-5f));
    }

    /** A structure on one plane stands for one slice thickness dz, split between the two slices its slab overlaps (exact: 0.72 and 0.28). */
    @Test
    void singlePlaneStandsForOneSliceThickness() {
        Grid grid = Shapes.grid(10, 5);
        double z = grid.z(2) + 0.7;
        Structure s = new Structure("marker", StructureType.OTHER,
                List.of(new Contour(z, new double[] {-2.5, 2.5, 2.5, -2.5}, new double[] {-2.5, -2.5, 2.5, 2.5})));
        Mask mask = MaskRasterizer.rasterize(s, grid);
        assertThat(mask.volumeCc()).isCloseTo(25 * grid.dzMm() / 1000, within(1e-6));
        int i = 10, j = 10;
        assertThat(mask.fraction()[grid.index(i, j, 2)]).isCloseTo(0.72f, within(1e-6f));
        assertThat(mask.fraction()[grid.index(i, j, 3)]).isCloseTo(0.28f, within(1e-6f));
    }

    @Test
    void degenerateContourIsRefused() {
        Grid grid = Shapes.grid(10, 5);
        Structure line = new Structure("needle track", StructureType.OTHER,
                List.of(new Contour(0, new double[] {0, 5, 2}, new double[] {0, 5, 2})));
        assertThatThrownBy(() -> MaskRasterizer.rasterize(line, grid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needle track").hasMessageContaining("z = 0.00 mm").hasMessageContaining("encloses no area");
    }

    @Test
    void structureOutsideGridIsRefused() {
        Grid grid = Shapes.grid(10, 5);
        Structure big = Shapes.sphere("liver", Vec3.ZERO, 12, 2.5, 0);
        assertThatThrownBy(() -> MaskRasterizer.rasterize(big, grid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liver").hasMessageContaining("x -12.0 … 12.0")
                .hasMessageContaining("grid's x -10.5 … 10.5").hasMessageContaining("enlarge the grid");
    }

    /** Two nodes 30 mm apart in one structure: the gap is not filled (each end plane extends half a spacing). */
    @Test
    void widePlaneGapSeparatesParts() {
        Grid grid = Shapes.grid(10, 30);
        Structure nodes = new Structure("nodes", StructureType.GTV, List.of(
                Shapes.ellipse(-20, 0, 0, 3, 3), Shapes.ellipse(-17.5, 0, 0, 3, 3),
                Shapes.ellipse(17.5, 0, 0, 3, 3), Shapes.ellipse(20, 0, 0, 3, 3)));
        Mask mask = MaskRasterizer.rasterize(nodes, grid);
        double area = Math.abs(Shapes.ellipse(0, 0, 0, 3, 3).signedAreaMm2());
        assertThat(mask.volumeCc()).isCloseTo(4 * area * 2.5 / 1000, within(0.002 * 4 * area * 2.5 / 1000));
    }
}
