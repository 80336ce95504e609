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
    void aStrandOfSeedsLongerThanANeedlesChordInTissueIsNoNeedle() {
        // Ten seeds end to end every 5 mm along y on 5 mm slices (a 50 mm line of metal wholly inside the body, longer than the
        // 40 mm from which a run is taken for a needle at the skin): both its ends and wherever its metal is followed to lie in
        // tissue (the rings' lower fifth well above -700 HU), so it is no needle (docs/needles.md, twenty-fourth round).
        Grid grid = new Grid(new Vec3(-96, -96, -30), 0.75, 0.75, 5, 256, 256, 13);
        List<IntraOpCtGenerator.ImplantedSeed> strand = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            strand.add(new IntraOpCtGenerator.ImplantedSeed(new Vec3(5, -30 + 5 * s, 1), new Vec3(0, 1, 0)));
        }
        Volume ct = new IntraOpCtGenerator(IntraOpScanner.clinical12Bit()).render(grid, List.of(), strand, 3);
        NeedleFinding f = new NeedleFinder().find(ct);
        assertThat(f.needles()).isEmpty();
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

    @Test
    void shallowAndTiltedNeedlesAreFoundOnThreeMillimetreGaussianSlices() {
        // 3 mm Gaussian slices (slice centres at z = ..., 6, 9, ...): a needle 0.4° out of the axial plane lying between two
        // slices (z 7.6 at the tip), and one 10.5° out of it crossing a slice every 16 mm. In air the tissue under the steel's
        // partial volume is 1000 HU lower, so outside the skin both fall below the metal level (the first wholly, the second
        // between slices): the finder lost them (issue 15, 4 of 10 on a 3 mm Gaussian 12-bit scan). Both HU scales.
        Grid grid = new Grid(new Vec3(-96, -96, -48), 0.75, 0.75, 3.0, 256, 256, 33);
        Vec3 flat = new Vec3(0.07, 1, 0.007).normalized();
        Vec3 tilted = new Vec3(0, 1, 0.185).normalized();
        List<SimulatedNeedle> needles = List.of(
                new SimulatedNeedle(new Vec3(-10, -5, 7.6).minus(flat.times(100)), new Vec3(-10, -5, 7.6), new Vec3(1, 0, 0), 0),
                new SimulatedNeedle(new Vec3(15, -5, 2).minus(tilted.times(100)), new Vec3(15, -5, 2), new Vec3(1, 0, 0), 0));
        for (double clip : new double[] {3071, 30710}) {
            IntraOpScanner scanner = new IntraOpScanner(1.1, IntraOpScanner.SliceProfile.GAUSSIAN, 35, 250, clip);
            Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), 11);
            NeedleFinding f = new NeedleFinder().find(ct);
            assertThat(f.needles()).as("needles found, clip %.0f HU", clip).hasSize(2);
            for (SimulatedNeedle n : needles) {
                FoundNeedle nearest = f.needles().stream().min(java.util.Comparator.comparingDouble(x -> x.tipMm().distanceTo(n.tipMm())))
                        .orElseThrow();
                // This test is about finding them; it does not show the 1 mm and 2° on 3 mm slices, which are not met yet.
                // Tip within 3 mm (worst 2.9 mm on the 3 mm tuning scans; here 2.0 mm, across the needle). Axis within 4°: the flat
                // needle between two slices reads 3.5-3.6° (its centreline drawn towards one slice at the bevel; docs/needles.md, Limits).
                assertThat(nearest.tipMm().distanceTo(n.tipMm())).as("tip error, clip %.0f HU", clip).isLessThanOrEqualTo(3.0);
                assertThat(NeedleMatcher.angleDeg(nearest.axisAtTip(), n.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as("axis, clip %.0f HU", clip)
                        .isLessThanOrEqualTo(4.0);
            }
        }
    }

    @Test
    void aBevelLengthOutsideZeroToTenMillimetresIsRefused() {
        for (double bevel : new double[] {0, -1, 10.5, Double.NaN}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NeedleFinder(bevel)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bevel length").hasMessageContaining("at most 10 mm");
        }
    }
}
