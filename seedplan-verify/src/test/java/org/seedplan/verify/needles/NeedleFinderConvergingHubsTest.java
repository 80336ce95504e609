package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * Two needles whose outer parts converge on 5 mm slices: the pattern of tuning scan 2701's needles 1 and 5 (a template's
 * two rows 11 mm apart along z at the tips, hubs 1.2 mm apart 30 mm outside the skin), drawn by the generator on a 5 mm box
 * 12-bit scan. Over their outer halves both lie in one slice and share its voxels, so the first run taken holds both
 * needles' outer steel; the second needle's run crosses into the next slice half way and ends there in tissue at both ends.
 */
class NeedleFinderConvergingHubsTest {

    /** The needles found on {@code ct} matched to the drawn {@code needles} (within 5 mm and 10°, as the tuning runs match). */
    static NeedleMatching foundAndMatched(List<SimulatedNeedle> needles, Volume ct) {
        List<Needle> truth = needles.stream().map(n -> new Needle(n.hubMm(), n.tipMm(), null, false)).toList();
        return new NeedleMatcher(5, 10).match(truth, new NeedleFinder().find(ct).needles());
    }

    @Test
    void aNeedleWhoseOuterPartANeighbourTookIsFollowedThroughTheSteelToAir() {
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -47.5), 0.75, 0.75, 5, 512, 512, 20);
        IntraOpScanner scanner = new IntraOpScanner(1.19, IntraOpScanner.SliceProfile.BOX, 22, 5, 3071);
        List<SimulatedNeedle> needles = List.of(
                new SimulatedNeedle(new Vec3(-13.0, -160.2, -5.0), new Vec3(-5.0, -11.3, 5.5), new Vec3(1, 0, 0), 0),
                new SimulatedNeedle(new Vec3(-14.2, -160.6, -4.0), new Vec3(-4.5, -17.4, -5.9), new Vec3(1, 0, 0), 0));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, List.of(), 2701);
        NeedleMatching m = foundAndMatched(needles, ct);
        // Before: one needle found (the second's 70 mm run was dropped as a run wholly in tissue).
        assertThat(m.matches()).hasSize(2);
        assertThat(m.unmatchedFound()).isEmpty();
        for (NeedleMatch x : m.matches()) {
            SimulatedNeedle t = needles.get(x.planned());
            FoundNeedle f = m.found().get(x.found());
            // Within half a slice + 0.5 mm: the z of a needle lying within one 5 mm box slice is not in the image (docs/needles.md).
            assertThat(f.tipMm().distanceTo(t.tipMm())).as("needle %d tip", x.planned() + 1).isLessThanOrEqualTo(3.0);
            assertThat(NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as("needle %d axis", x.planned() + 1)
                    .isLessThanOrEqualTo(5);
            System.out.printf(java.util.Locale.ROOT, "needle %d: tip %.2f mm, axis %.2f°%n", x.planned() + 1, f.tipMm().distanceTo(t.tipMm()),
                    NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM)));
        }
    }
}
