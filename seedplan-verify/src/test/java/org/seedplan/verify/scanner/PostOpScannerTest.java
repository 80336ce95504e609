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

    @Test
    void streaksThroughBothObjectsAreOffByDefaultAndRunOnPastTheObjectsWithBrightFlanks() {
        assertThat(ScannerModel.typical(SliceProfile.BOX, HuScale.EXTENDED).hardening()).isEqualTo(ScannerModel.Hardening.BANDS_BETWEEN);
        // Two seeds lying in slice 4, 20 mm apart along x; noiseless. The random streaks from each object draw the same numbers
        // either way, so the two images differ by the pair's artefact alone.
        Vec3 c = new Vec3(Anatomy.centre(GRID).x() - 10, Anatomy.centre(GRID).y() - 20, GRID.z(4));
        List<DenseObject> two = List.of(DenseObject.seed(c, new Vec3(0, 1, 0)), DenseObject.seed(c.plus(new Vec3(20, 0, 0)), new Vec3(0, 1, 0)));
        ScannerModel bands = new ScannerModel(SliceProfile.BOX, 0.9, 0, 80, HuScale.EXTENDED);
        Volume between = new PostOpScanner(bands).scan(GRID, two, 3);
        Volume through = new PostOpScanner(bands.withHardening(ScannerModel.Hardening.STREAKS_THROUGH)).scan(GRID, two, 3);
        // 10 mm past the first seed, on the line through both: the bench's band does not reach there, the streak does (half
        // depth there): darker by more than the rounding to whole HU can make it (6 HU here: the streak's depth goes with the
        // product of the two seeds' metal in the slice, about 0.15 of the reference pair's on these 5 mm slices).
        int i = (int) Math.round((c.x() - 10 - GRID.x(0)) / GRID.dxMm());
        int j = (int) Math.round((c.y() - GRID.y(0)) / GRID.dyMm());
        assertThat(through.hu()[GRID.index(i, j, 4)] - between.hu()[GRID.index(i, j, 4)]).isLessThan(-2);
        // Across the streak: 1 on its line, bright beside it, and its flanks hold half the dark core's area (midpoint rule).
        assertThat(PostOpScanner.streakAcross(0)).isCloseTo(1, within(1e-12));
        assertThat(PostOpScanner.streakAcross(1.5)).isNegative();
        double sum = 0;
        double h = 1e-3;
        for (double x = -14.4; x < 14.4; x += h) {
            sum += PostOpScanner.streakAcross(x + h / 2) * h;
        }
        double core = PostOpScanner.STREAK_SIGMA_MM * Math.sqrt(2 * Math.PI);
        assertThat(sum).isCloseTo(core * (1 - PostOpScanner.STREAK_FLANK_AREA) / (1 - PostOpScanner.STREAK_FLANK_AREA / PostOpScanner.STREAK_FLANK),
                within(1e-6 * core));
    }
}
