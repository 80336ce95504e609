package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/** What the needle finder must not take for a needle, and a needle in lung-like surroundings. */
class NeedleFinderTest {

    private static final Grid GRID = new Grid(new Vec3(-96, -96, -30), 0.75, 0.75, 2.5, 256, 256, 25);

    @Test
    void aStrandOfSeedsInTissueIsNoNeedle() {
        // Six seeds end to end every 5 mm along y (a 30 mm line of metal wholly inside the body), plus ribs and a vertebra.
        List<IntraOpCtGenerator.ImplantedSeed> strand = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            strand.add(new IntraOpCtGenerator.ImplantedSeed(new Vec3(5, -30 + 5 * s, 0), new Vec3(0, 1, 0)));
        }
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(GRID, List.of(), strand, 3);
        NeedleFinding f = new NeedleFinder().find(ct);
        assertThat(f.needles()).isEmpty();
        assertThat(f.shortMetalObjects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTiltOfLessThanAVoxelOverTheNeedleIsReadOnAClipped12BitScanAndBetweenThickSlices() {
        // 0.7° over the 40 mm that carry seeds is 0.5 mm: less than a pixel (0.75 mm) and a fifth of a 2.5 mm slice. Tolerance
        // 0.3°: the earlier finder, fitting the clipped voxels' centres, read these tilts as 0.0-0.1° or 1.2° (errors 0.5-0.8°).
        double t = Math.tan(Math.toRadians(0.7));
        Vec3 tip = new Vec3(3.3, -10.2, 0.4);
        record Case(String name, IntraOpScanner scanner, double sliceMm, Vec3 axis) {
        }
        List<Case> cases = List.of(
                new Case("1.25 mm box, 12-bit, tilt in x", new IntraOpScanner(0.8, IntraOpScanner.SliceProfile.BOX, 30, 350, 3071), 1.25,
                        new Vec3(t, 1, 0).normalized()),
                new Case("1.25 mm box, 12-bit, tilt in z", new IntraOpScanner(0.8, IntraOpScanner.SliceProfile.BOX, 30, 350, 3071), 1.25,
                        new Vec3(0, 1, t).normalized()),
                new Case("2.5 mm triangle, extended, tilt in z", new IntraOpScanner(1.1, IntraOpScanner.SliceProfile.TRIANGLE, 15, 200, 30710),
                        2.5, new Vec3(0, 1, t).normalized()));
        for (Case c : cases) {
            Grid grid = new Grid(new Vec3(-96, -96, -c.sliceMm() * 11), 0.75, 0.75, c.sliceMm(), 256, 256, 23);
            SimulatedNeedle n = new SimulatedNeedle(tip.minus(c.axis().times(110)), tip, new Vec3(1, 0, 0), 0);
            NeedleFinding f = new NeedleFinder().find(new IntraOpCtGenerator(c.scanner()).render(grid, List.of(n), List.of(), 7));
            assertThat(f.needles()).as(c.name()).hasSize(1);
            assertThat(NeedleMatcher.angleDeg(f.needles().get(0).axisAtTip(), c.axis())).as(c.name()).isLessThanOrEqualTo(0.3);
            // Issue 15: tip within 1 mm.
            assertThat(f.needles().get(0).tipMm().distanceTo(tip)).as(c.name()).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void aNeedleFromAirIsFoundWithItsTipAtTheDeepEnd() {
        SimulatedNeedle n = new SimulatedNeedle(new Vec3(-10, -95, 2), new Vec3(-4, -20, 4), new Vec3(1, 0, 0), 1.0);
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(GRID, List.of(n), List.of(), 4);
        NeedleFinding f = new NeedleFinder().find(ct);
        assertThat(f.needles()).hasSize(1);
        FoundNeedle found = f.needles().get(0);
        assertThat(found.tipCertain()).isTrue();
        // Issue 15: tip within 1 mm, axis within 2°.
        assertThat(found.tipMm().distanceTo(n.tipMm())).isLessThanOrEqualTo(1.0);
        assertThat(NeedleMatcher.angleDeg(found.axisAtTip(), n.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).isLessThanOrEqualTo(2.0);
        assertThat(found.hubSideEndMm().y()).isLessThan(found.tipMm().y());
    }
}
