package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * A run's end walked along steel another run holds ({@link NeedleFinder#onAnothersLineShare}): the thirty-second round's fresh
 * 5080 (seen since), whose 145.2 mm false needle was a 48 mm run of three objects' steel walked 88 mm along needle 6's hub part,
 * and the rule's geometry on lines drawn by hand.
 */
class NeedleFinderWalkOnAnothersLineTest {

    @Test
    void theRunOfAStrandAndANeedlesTipPartIsNotWalkedAlongItsHubRunOn5080() {
        // The fourth scan of the 5 mm draw 5077 (box, extended, in-plane FWHM 1.02 mm): a run of needle 9's crossing, needle 6's
        // tip part and a strand of four seeds one slice up, both ends in tissue; its end at needle 9's crossing was walked along
        // needle 6's hub part (84 of 88 points on that run's line) to the skin: a 145.2 mm false needle. Not walked, the run is
        // no needle: nothing missed and no false needle (before: one false needle).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5080, 3);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
    }

    @Test
    void aWalkAtTheSliceCentreAlongAnotherRunsFittedLineIsOnIt() {
        // 5080's geometry: needle 6's hub run, its z fitted (1.2° out of the plane, z −10.2 at y −71 to −12.1 at the hub), and the
        // walk beside it in the 5 mm slice's centre (z −12.6) from y −71 to −159: up to 2.4 mm off along z, within half a slice
        // (2.5) and 1 mm: every point on the run's line (5080 itself: 0.955).
        Vec3 tip = new Vec3(3.47, -29.92, -9.34);
        Vec3 hub = new Vec3(15.38, -160.34, -12.15);
        List<NeedleCentreline.Extent> others = List.of(extent(pointOn(tip, hub, -59), hub));
        List<Vec3> walk = new ArrayList<>();
        for (double y = -71; y >= -159; y--) {
            Vec3 p = pointOn(tip, hub, y);
            walk.add(new Vec3(p.x(), p.y(), -12.6));
        }
        assertThat(NeedleFinder.onAnothersLineShare(walk, others, 2.5)).as("share on the run's line").isEqualTo(1.0);
    }

    @Test
    void aWalkBesideAConvergingNeighboursRunOrOneSliceAboveIsItsOwn() {
        // The walk's own case (2701 n5, 2626 n6: converging outer parts): the needle's steel followed beside the neighbour's run,
        // 6 mm apart where the walk starts and 1.5 mm at the hubs, in one slice: no point within 1 mm (0.5 mm of margin at the
        // hub). A template column's needle one 5 mm slice above the walk: 5 mm along z against half a slice (2.5) and 1 mm.
        List<NeedleCentreline.Extent> neighbour = List.of(extent(new Vec3(0, -40, 0), new Vec3(0, -160, 0)));
        List<Vec3> walk = new ArrayList<>();
        for (double y = -70; y >= -160; y--) {
            walk.add(new Vec3(1.5 + 4.5 * (y + 160) / 90, y, 0));
        }
        assertThat(NeedleFinder.onAnothersLineShare(walk, neighbour, 2.5)).as("beside a converging neighbour").isEqualTo(0.0);
        List<NeedleCentreline.Extent> above = List.of(extent(new Vec3(0, -40, 5), new Vec3(0, -160, 5)));
        List<Vec3> straight = new ArrayList<>();
        for (double y = -70; y >= -160; y--) {
            straight.add(new Vec3(0, y, 0));
        }
        assertThat(NeedleFinder.onAnothersLineShare(straight, above, 2.5)).as("one slice below a column needle").isEqualTo(0.0);
    }

    @Test
    void aWalkTurnedOntoAnotherRunIsToldFromOneGoingOnAlongItsNeedle() {
        // 5080: the run (a strand's, a tip part's and a crossing's steel, 17° off the y axis in the plane) from (−4.09, −24.11, −2.68)
        // to (10.08, −69.90, −9.68), walked to needle 6's hub (15.57, −159.07, −12.58): 15.3° from the run's chord (9.94° from
        // its curve's direction at the end, in the finder), over WALK_TURN_DEG 8. 2701's pattern (NeedleFinderConvergingHubsTest):
        // the second needle's run, along its needle, walked on to its hub: 2.0° from the needle's direction (4.15° in the finder).
        Vec3 runTip = new Vec3(-4.09, -24.11, -2.68);
        Vec3 runEnd = new Vec3(10.08, -69.90, -9.68);
        assertThat(NeedleFinder.walkTurnDeg(runEnd, runEnd.minus(runTip), new Vec3(15.57, -159.07, -12.58)))
                .as("5080's walk").isGreaterThan(NeedleFinder.WALK_TURN_DEG + 5);
        Vec3 tip = new Vec3(-4.5, -17.4, -5.9);
        Vec3 hub = new Vec3(-14.2, -160.6, -4.0);
        assertThat(NeedleFinder.walkTurnDeg(new Vec3(-9.41, -90.35, -7.50), hub.minus(tip), hub))
                .as("a converging needle's own walk").isLessThan(NeedleFinder.WALK_TURN_DEG - 5);
    }

    /** The point of the line through {@code a} and {@code b} at {@code y}. */
    private static Vec3 pointOn(Vec3 a, Vec3 b, double y) {
        return a.plus(b.minus(a).times((y - a.y()) / (b.y() - a.y())));
    }

    /** A straight run's extent from {@code a} to {@code b}. */
    private static NeedleCentreline.Extent extent(Vec3 a, Vec3 b) {
        Vec3 centre = a.plus(b).times(0.5);
        Vec3 axis = b.minus(a).normalized();
        SpaceCurve line = SpaceCurve.fit(List.of(a, b), new double[] {1, 1}, centre, axis, 1);
        double half = a.distanceTo(b) / 2;
        return new NeedleCentreline.Extent(line, -half, half);
    }
}
