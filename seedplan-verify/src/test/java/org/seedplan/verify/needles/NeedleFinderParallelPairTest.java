package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Two parallel needles about 10° out of the plane, 5.7 mm apart (5.5 mm in the axial plane, 1.75 mm along z), on 5 mm slices:
 * less than twice the 3.0 mm tube apart, so a run can take one needle's tip part and the other's hub part, its line across both
 * (the twenty-second round's fresh scan 4231, seen since, needles 6 and 7: needle 6 read 8.82° off, about 8.4° of it in the
 * axial plane, stated ±2.81°, the tilt's part only). The finder must never state an axis tighter than its error
 * (docs/needles.md, twenty-third round, branch {@code needlepair}).
 */
class NeedleFinderParallelPairTest {

    /** The scanner of scan 4231: 5 mm box, 12-bit, in-plane FWHM 1.16 mm, noise 40 HU, streaks 263 HU. */
    private static final IntraOpScanner SCANNER_4231 = new IntraOpScanner(1.157, IntraOpScanner.SliceProfile.BOX, 39.8, 263, 3071);

    /**
     * Each needle found within the 2°, or its axis stated at least its error (the statement is an interval: exact);
     * the matched needles' numbers (1…).
     */
    private static List<Integer> assertWithinOrStated(List<SimulatedNeedle> needles, NeedleMatching m) {
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            double axis = NeedleMatcher.angleDeg(f.axisAtTip(), needles.get(x.planned()).axisAtTip(NeedleFinder.AXIS_CHORD_MM));
            System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm, axis %.2f°, stated ±%.2f°%n", x.planned() + 1,
                    f.tipMm().distanceTo(needles.get(x.planned()).tipMm()), axis, f.axisUncertaintyDeg());
            if (axis > NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG) {
                assertThat(f.axisUncertaintyDeg()).as("needle %d's axis statement against its error %.2f°", x.planned() + 1, axis)
                        .isGreaterThanOrEqualTo(axis);
            }
        }
        return m.matches().stream().map(x -> x.planned() + 1).toList();
    }

    @Test
    void theParallelPairAmongItsScansNeedlesIsFoundWithinTwoDegreesOrStatedSo() {
        // Scan 4231's ten needles as drawn, without its seeds, on its scanner. Needle 6 is read from its own tip part and needle 7's
        // hub part: 8.76° off, stated ±2.79° before (the tilt only), ±10.18° now. Alone, or with needles 2, 3 and 5 beside them, the pair is
        // found right (0.45° and 0.24°, measured): the other needles' steel joins their component and the runs are taken crossed.
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        List<SimulatedNeedle> needles = IntraOpScenario.generate(grid, 4231).placed();
        Volume ct = new IntraOpCtGenerator(SCANNER_4231).render(grid, needles, List.of(), 4231);
        assertThat(assertWithinOrStated(needles, NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct))).contains(6);
    }

    @Test
    void theWholeScanWhoseRunCrossedThemStatesTheAxisItGotWrong() {
        // Scan 4231 (19th of the set 4213-4236) drawn whole: needle 6 8.82° off; its tip part's voxels turn 8.55° from its axis in
        // the plane: stated ±10.25° (hypot(2.81, 8.55 + 1.3)), ±2.81° before. Needle 7 is missed (its tip part's run is dropped;
        // not fixed).
        IntraOpScenario scenario = IntraOpScenario.generate(NeedleFinderThickSliceTest.drawnGrid(5), 4231);
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4231, 18);
        assertThat(assertWithinOrStated(scenario.placed(), m)).contains(6);
    }

    @Test
    void theInPlaneAndTheTiltStatementsBoundTheAxisTogetherAsTheirRootSumOfSquares() {
        // The two parts of the error are perpendicular: 3° and 4° make 5°; no in-plane part leaves the tilt's statement.
        FoundNeedle f = new FoundNeedle(new Vec3(0, 0, 0), new Vec3(0, -100, 0), new Vec3(0, 1, 0), 100, List.of(new Vec3(0, 0, 0)), false,
                true, 0.3, 3.06, 0.5, 3, 0.1);
        assertThat(NeedleFinder.withInPlaneAxisUncertainty(f, 4).axisUncertaintyDeg()).isCloseTo(5, within(1e-12));
        assertThat(NeedleFinder.withInPlaneAxisUncertainty(f, 0).axisUncertaintyDeg()).isCloseTo(3, within(1e-12));
    }
}
