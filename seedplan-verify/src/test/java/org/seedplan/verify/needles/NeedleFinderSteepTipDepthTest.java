package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A steep needle's end settled again along the axis (docs/needles.md, twenty-sixth round, branch {@code needletip7}): on 5 mm
 * slices a needle 20-30° out of the plane whose tip lies just past a slice boundary was read short along its axis with its line
 * moved across (4533 needle 9, 29°: 1.27 mm off, 1.01 of it along the axis, stated ±0.08 / ±0.17), the end fit's search held in
 * a local basin; with the axis's offsets and tilts settled again at places along the axis the end is read where the voxels
 * put it.
 */
class NeedleFinderSteepTipDepthTest {

    @Test
    void needle9OfScan4533HasItsTipWithinOneMillimetre() {
        // Seed 4533 is scan 8 of the draw from 4525 (5 mm triangle, 12-bit, streaks 323 HU; fresh in the twenty-fifth round, seen
        // since). Needle 9 (29.0°) was 1.27 mm off (depth -1.01) on the start commit: it fails this; the target is 1 mm.
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(4533, 8, 5);
        assertThat(tipError(d.matching(), d.scenario().placed(), 9)).as("needle 9's tip, mm")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipError(d.matching(), d.scenario().placed(), 10)).as("needle 10's tip, mm")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
    }

    @Test
    void needlesAt25And45DegreesWhoseTipsLieJustPastASliceBoundaryAreFoundWithinOneMillimetre() {
        // 5 mm triangle slices, 12-bit, noise 30 HU and streaks 300 HU, as scan 4533's; slice boundaries at every 5 mm from
        // z = 0. The 25° needle's tip lies 0.79 mm past the boundary at z = 15 (4533 needle 9's place in its slice), the 45°
        // one's 0.7 mm past z = 0. Tolerance: the 1 mm for a tip, the figure the round's change is measured against (a
        // steep needle's tip scatters 0.1-0.4 mm on the seen 5 mm sets, well inside it).
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -47.5), 0.75, 0.75, 5, 512, 512, 20);
        IntraOpScanner scanner = new IntraOpScanner(1.0, IntraOpScanner.SliceProfile.TRIANGLE, 30, 300, 3071);
        List<SimulatedNeedle> needles = List.of(steep(new Vec3(30, -15, 15.79), 25, 120), steep(new Vec3(-30, -15, 0.7), 45, 65));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), 4533);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(needles, ct);
        assertThat(m.matches()).hasSize(2);
        for (int n = 1; n <= 2; n++) {
            assertThat(tipError(m, needles, n)).as("needle %d's tip, mm", n).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        }
    }

    /** A straight needle {@code deg} out of the slices' plane, its tip at {@code tip}, {@code lengthMm} long, rising to its tip. */
    private static SimulatedNeedle steep(Vec3 tip, double deg, double lengthMm) {
        Vec3 axis = new Vec3(0, Math.cos(Math.toRadians(deg)), Math.sin(Math.toRadians(deg)));
        return new SimulatedNeedle(tip.minus(axis.times(lengthMm)), tip, new Vec3(1, 0, 0), 0);
    }

    /** Needle {@code n}'s (1-based) tip's distance from the true tip, mm. */
    static double tipError(NeedleMatching m, List<SimulatedNeedle> truth, int n) {
        NeedleMatch x = m.matches().stream().filter(k -> k.planned() == n - 1).findFirst().orElseThrow();
        double mm = m.found().get(x.found()).tipMm().distanceTo(truth.get(n - 1).tipMm());
        System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm%n", n, mm);
        return mm;
    }
}
