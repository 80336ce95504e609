package org.seedplan.verify.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

class PostOpScannerTest {

    private static final Grid GRID = new Grid(new Vec3(-79.6, -79.6, -20), 0.8, 0.8, 5, 200, 200, 9);

    private static ScannerModel noiseless(SliceProfile profile, HuScale scale) {
        return new ScannerModel(profile, 0.9, 0, 0, scale);
    }

    @Test
    void sliceProfilesHaveUnitAreaAndTheSliceThicknessAsFullWidthAtHalfMaximum() {
        for (SliceProfile p : SliceProfile.values()) {
            double t = 2.5;
            double area = 0;
            double h = 1e-4;
            for (double z = -3 * t; z < 3 * t; z += h) {
                area += p.weightPerMm(z + h / 2, t) * h;
            }
            // Midpoint rule with 0.1 µm steps: exact to 1e-4 even at the box's edges.
            assertThat(area).as(p.name()).isCloseTo(1, within(1e-4));
            double peak = p.weightPerMm(0, t);
            assertThat(p.weightPerMm(t / 2 - 1e-9, t)).as(p.name()).isGreaterThanOrEqualTo(0.5 * peak - 1e-6);
            assertThat(p.weightPerMm(t / 2 + 1e-3, t)).as(p.name()).isLessThanOrEqualTo(0.5 * peak + 1e-6);
        }
    }

    @Test
    void aSeedsIntegratedImageIsItsMaterialContentForEveryProfile() {
        Vec3 c = Anatomy.centre(GRID).plus(Anatomy.IMPLANT_CENTRE).plus(new Vec3(0.3, -0.2, 1.1));
        DenseObject seed = DenseObject.seed(c, new Vec3(1, 0.4, 0.6));
        // Titanium tube wall, two end welds and the silver marker, each (material − 40 HU tissue) × volume.
        double expected = Math.PI * (0.4 * 0.4 - 0.35 * 0.35) * 4.5 * (12_000 - 40)
                + 2 * Math.PI * 0.35 * 0.35 * 0.25 * (12_000 - 40) + Math.PI * 0.25 * 0.25 * 3.0 * (140_000 - 40);
        for (SliceProfile p : SliceProfile.values()) {
            PostOpScanner scanner = new PostOpScanner(noiseless(p, HuScale.EXTENDED));
            Volume with = scanner.scan(GRID, List.of(seed), 1);
            Volume without = scanner.scan(GRID, List.of(), 1);
            double sum = 0;
            for (int v = 0; v < with.hu().length; v++) {
                sum += with.hu()[v] - without.hu()[v];
            }
            sum *= GRID.dxMm() * GRID.dyMm() * GRID.dzMm();
            // Within 1 %: the point-spread function is cut at 4 σ + a pixel, and values are rounded to whole HU.
            assertThat(sum).as(p.name()).isCloseTo(expected, within(0.01 * expected));
        }
    }

    @Test
    void aSeedLyingInOneBoxSliceLeavesItsNeighboursUntouchedWhileATriangleSpreadsIt() {
        Vec3 c = new Vec3(Anatomy.centre(GRID).x() - 22, Anatomy.centre(GRID).y() - 10, GRID.z(4) + 1.5);
        DenseObject seed = DenseObject.seed(c, new Vec3(1, 0, 0));
        for (SliceProfile p : new SliceProfile[] {SliceProfile.BOX, SliceProfile.TRIANGLE}) {
            PostOpScanner scanner = new PostOpScanner(noiseless(p, HuScale.CLIPPED_12_BIT));
            Volume with = scanner.scan(GRID, List.of(seed), 1);
            Volume without = scanner.scan(GRID, List.of(), 1);
            double neighbour = 0;
            double own = 0;
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < GRID.nx(); i++) {
                    own = Math.max(own, with.at(i, j, 4) - without.at(i, j, 4));
                    neighbour = Math.max(neighbour, with.at(i, j, 5) - without.at(i, j, 5));
                }
            }
            assertThat(own).as(p.name()).isGreaterThan(2000);
            if (p == SliceProfile.BOX) {
                // The seed (0.8 mm across) lies 1.1–1.9 mm from the slice centre, inside the 5 mm box: the next slice sees none of it.
                assertThat(neighbour).isZero();
            } else {
                assertThat(neighbour).isGreaterThan(100);
            }
        }
    }

    @Test
    void theHuScaleOnlyDecidesWhereValuesClip() {
        // The same scan stored on both scales: equal wherever the 12-bit scale (−1024 … 3071 HU) can hold the value.
        DenseObject screw = DenseObject.pedicleScrew(Anatomy.centre(GRID).plus(new Vec3(-2, 32, 0)), new Vec3(-0.2, 1, 0.15), 24);
        Volume clipped = new PostOpScanner(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT)).scan(GRID, List.of(screw), 3);
        Volume extended = new PostOpScanner(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.EXTENDED)).scan(GRID, List.of(screw), 3);
        float max = 0;
        for (int v = 0; v < clipped.hu().length; v++) {
            assertThat(clipped.hu()[v]).isEqualTo(Math.max(-1024f, Math.min(extended.hu()[v], 3071f)));
            max = Math.max(max, extended.hu()[v]);
        }
        // A titanium screw (12 000 HU) shows far above the 12-bit scale on the extended one.
        assertThat(max).isGreaterThan(8000);
    }
}
