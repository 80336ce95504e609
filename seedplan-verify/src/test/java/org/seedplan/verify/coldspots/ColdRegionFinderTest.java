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
