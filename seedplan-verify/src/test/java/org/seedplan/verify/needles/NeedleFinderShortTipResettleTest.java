package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A shallow needle's end on 3 mm slices settled again along the axis (docs/needles.md, twenty-sixth round, branch
 * {@code needletip8}): 4477 needle 2 (3 mm box, 12-bit, 10.7° out of the plane, streaks 262 HU) was read 1.62 mm short along
 * its axis, stated ±0.10, its end fit's search held at a short end with the line moved across; with the axis's offsets and
 * tilts settled again at places along the axis the end is read where the voxels put it.
 */
class NeedleFinderShortTipResettleTest {

    @Test
    void needle2OfScan4477HasItsTipWithinOneMillimetre() {
        // Seed 4477 is scan 0 of the draw from 4477 (3 mm box, 12-bit, streaks 262 HU; fresh in the twenty-fifth round, seen
        // since). Needle 2 was 1.62 mm off (depth -1.62) on the start commit: it fails this; the target is 1 mm.
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4477, 0, 3);
        assertThat(NeedleFinderSteepTipDepthTest.tipError(d.matching(), d.scenario().placed(), 2)).as("needle 2's tip, mm")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
    }

    @Test
    void aNeedleElevenDegreesOutOfThreeMillimetreBoxSlicesIsFoundWithinOneMillimetre() {
        // 4477's scanner (box, 12-bit, in-plane FWHM 0.96 mm, noise 28 HU, streaks 262 HU) and its grid (slice centres at every
        // 3 mm from z = 0); needle 2's line: 10.7° out of the plane, its tip 0.99 mm under the slice centre at z = 3. Tolerance:
        // the 1 mm for a tip, the figure the change is measured against (shallow tips on the seen 3 mm sets scatter
        // 0.05-0.3 mm, well inside it). Not shown to fail before: the start commit finds this needle 0.11 mm off (the basin is
        // not made by this line alone); it holds the change to finding such a needle where it lies.
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(3);
        IntraOpScanner scanner = new IntraOpScanner(0.96, IntraOpScanner.SliceProfile.BOX, 28, 262, 3071);
        Vec3 axis = new Vec3(0.064, 0.98, 0.186).normalized();
        Vec3 tip = new Vec3(-23.10, -36.88, 2.01);
        List<SimulatedNeedle> needles = List.of(new SimulatedNeedle(tip.minus(axis.times(120)), tip, new Vec3(1, 0, 0), 0));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), 4477);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct);
        assertThat(m.matches()).hasSize(1);
        assertThat(NeedleFinderSteepTipDepthTest.tipError(m, needles, 1)).as("the tip, mm")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
    }
}
