package org.seedplan.verify.coldspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;

class ColdRegionFinderTest {

    private static final double R = 15;
    private static final Grid GRID = Grid.covering(new Vec3(-20, -20, -20), new Vec3(20, 20, 20), 0.5, 0.5, 0.5);

    private static Mask sphere() {
        float[] f = new float[GRID.voxelCount()];
        for (int v = 0; v < f.length; v++) {
            f[v] = GRID.centre(v).norm() <= R ? 1 : 0;
        }
        return new Mask("GTV", GRID, f);
    }

    @Test
    void twoPolarCapsBelowPrescriptionAreTwoRegionsWithAnalyticVolumeAndCentroid() {
        // Dose 120 Gy × (1 + (10.25 − |x|)/20): below 120 Gy where |x| > 10.25 mm (a voxel boundary of the
        // 0.5 mm grid), i.e. two spherical caps of height h = 4.75 mm.
        float[] d = new float[GRID.voxelCount()];
        for (int v = 0; v < d.length; v++) {
            d[v] = (float) (120 * (1 + (10.25 - Math.abs(GRID.centre(v).x())) / 20));
        }
        List<ColdRegion> cold = ColdRegionFinder.find(new DoseGrid(GRID, d), sphere(), 120, 0.01);
        assertThat(cold).hasSize(2);
        double h = R - 10.25;
        double capCc = Math.PI * h * h * (3 * R - h) / 3 / 1000;
        double capCentroidMm = 3 * Math.pow(2 * R - h, 2) / (4 * (3 * R - h));
        for (ColdRegion c : cold) {
            // Voxelised sphere on a 0.5 mm grid: the caps' volume within 5 % and centroid within 0.25 mm (half a voxel).
            assertThat(c.volumeCc()).isCloseTo(capCc, within(0.05 * capCc));
            assertThat(Math.abs(c.centroidMm().x())).isCloseTo(capCentroidMm, within(0.25));
            assertThat(c.centroidMm().y()).isCloseTo(0, within(0.25));
            assertThat(c.minDoseGy()).isLessThan(120 * (1 + (10.25 - 14.0) / 20));
            assertThat(c.meanDoseGy()).isLessThan(120);
        }
    }

    @Test
    void regionsComeLargestFirstAndEqualVolumesColdestFirst() {
        // A whole-grid target at 200 Gy but four separate cold blocks on the 1 mm grid (voxel centres on whole mm): 1 voxel at 40 Gy (met first by the
        // scan), 8 voxels at 60 Gy, 1 voxel at 20 Gy, 27 voxels at 90 Gy (met last). Volumes are whole voxels, exact.
        Grid g = Grid.covering(new Vec3(-10, -10, -10), new Vec3(10, 10, 10), 1, 1, 1);
        float[] f = new float[g.voxelCount()];
        java.util.Arrays.fill(f, 1f);
        float[] d = new float[g.voxelCount()];
        java.util.Arrays.fill(d, 200f);
        for (int v = 0; v < d.length; v++) {
            Vec3 c = g.centre(v);
            if (near(c, -6, -6, -6, 0)) {
                d[v] = 40;
            } else if (near(c, 6.5, -6.5, -2.5, 0.5)) {
                d[v] = 60;
            } else if (near(c, -6, 6, 2, 0)) {
                d[v] = 20;
            } else if (near(c, 5, 5, 6, 1)) {
                d[v] = 90;
            }
        }
        List<ColdRegion> cold = ColdRegionFinder.find(new DoseGrid(g, d), new Mask("GTV", g, f), 120, 0);
        double voxelCc = g.voxelVolumeCc();
        assertThat(cold).extracting(ColdRegion::volumeCc)
                .containsExactly(27 * voxelCc, 8 * voxelCc, voxelCc, voxelCc);
        assertThat(cold).extracting(ColdRegion::minDoseGy).containsExactly(90.0, 60.0, 20.0, 40.0);
    }

    /** Whether voxel centre {@code c} lies within {@code halfMm} of (x, y, z) in each coordinate (0.01 mm for rounding). */
    private static boolean near(Vec3 c, double x, double y, double z, double halfMm) {
        double h = halfMm + 0.01;
        return Math.abs(c.x() - x) <= h && Math.abs(c.y() - y) <= h && Math.abs(c.z() - z) <= h;
    }

    @Test
    void fullyCoveredTargetHasNoColdRegion() {
        float[] d = new float[GRID.voxelCount()];
        java.util.Arrays.fill(d, 130f);
        assertThat(ColdRegionFinder.find(new DoseGrid(GRID, d), sphere(), 120, 0)).isEmpty();
    }

    @Test
    void maskOnAnotherGridIsRefused() {
        Grid other = Grid.covering(new Vec3(-20, -20, -20), new Vec3(20, 20, 20), 1, 1, 1);
        assertThatThrownBy(() -> ColdRegionFinder.find(new DoseGrid(other, new float[other.voxelCount()]), sphere(), 120, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rasterise it on the dose grid");
    }
}
