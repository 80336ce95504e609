package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * A needle read from other reported needles' steel ({@link NeedleFinder#withoutOthersPaths}): the thirtieth round's fresh 4961
 * (seen since), whose 123.6 mm false needle was needle 3's tip part with its hub end's steel followed onto needle 4's, and the
 * rule's geometry on paths drawn by hand.
 */
class NeedleFinderOthersPathsTest {

    /** The slices' reach along z on 5 mm slices ({@link NeedleCentreline#zSpreadMm}), mm. */
    private static final double FIVE_MM = 5;

    @Test
    void needle5sSteelReadASecondTimeAndJoinedToASeedStrandIsNoNeedleOn5312() {
        // The twentieth scan of the 5 mm draw 5293 (Gaussian, 12-bit, in-plane FWHM 1.16 mm, noise 30, streaks 280): needle 5's
        // steel read a second time and joined to a strand of four seeds in the slice above its tip was an 80.5 mm needle, its
        // path 0.00–0.70 mm from needle 5's across in the plane and 0.1–3.8 mm above it along z (0.38 within 1.5 mm in space).
        // Dropped: no false needle, nothing missed, needle 5 as before (0.31 mm, 0.33°), within the targets.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5312, 19);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 5312, 5);
        assertThat(tipAndAxis[0]).as("tip of needle 5").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("axis of needle 5").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aSecondReadingRisingASliceAboveTheNeedlesPathIsDroppedTheNeedleKept() {
        // 5312's geometry: a 95 mm needle 6.4° out of the plane and a second reading of its steel from its hub end over 80 mm,
        // on the same line in the plane, rising from 0 to 3.8 mm above it along z at its tip (0.8 of the 5 mm reach is 4 mm).
        // In space only its first 1.5 mm along z (0.40 of its points) lies within 1.5 mm of the needle: kept before. Across in
        // the plane and along z the whole reading lies on the needle's path (1.0) and is dropped; the needle, which reads it
        // over 0.86 of its points, is judged again alone and kept.
        Vec3 hub = new Vec3(0, -95, 10.6);
        Vec3 tip = new Vec3(0, 0, 0);
        List<Vec3> needle = path(hub, tip);
        List<Vec3> reading = path(hub, new Vec3(0, -15, 10.6 * 15 / 95 + 3.8));
        List<FoundNeedle> needles = List.of(needle(needle), needle(reading));
        assertThat(NeedleFinder.othersPathShare(needles, 1, FIVE_MM)).as("the reading's share").isEqualTo(1.0);
        assertThat(NeedleFinder.othersPathShare(needles, 1, 0)).as("the reading's share in space only").isLessThan(0.5);
        assertThat(NeedleFinder.withoutOthersPaths(needles, FIVE_MM)).containsExactly(needles.get(0));
    }

    @Test
    void theTipPartWalkedOntoAConvergingNeighbourIsNoNeedleOn4961() {
        // The fifth scan of the 5 mm draw 4957 (Gaussian, extended, in-plane FWHM 0.69 mm): needle 3 (1.9° out of the plane) in
        // two runs that overlap by 15.1 mm along it, not joined (their nearest ends 15.1 mm apart, MAX_JOIN_GAP_MM 15); the run of
        // its tip part, described, had its hub end's steel followed onto needle 4 (converging on the same hub, 3 mm beside it
        // there) and became a 123.6 mm needle, 0.89 of its path within 1.5 mm of needles 3's and 4's: a false needle. Dropped,
        // nothing missed and no false needle; needle 3 is the reading of its own hub run, as before (0.83 mm, 0.27°).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4961, 4);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 4961, 3);
        assertThat(tipAndAxis[0]).as("tip of needle 3").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("axis of needle 3").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aReadingOfOneNeedlesTipPartAndAnothersShaftIsDroppedBothNeedlesKept() {
        // 4961's geometry: needles b and c converge on one hub (3.7 mm apart 80 mm from it); the reading runs along b's last
        // 40 mm and c's hub part: every point of it lies on b's or c's path (share 1.0). b's own share is its tip part (on
        // the reading) and the 30 mm next to the hub where c comes within 1.5 mm: 0.61 of its points, the reading dropped
        // first; judged again against c alone, 0.27.
        Vec3 hub = new Vec3(-20, -120, 0);
        List<Vec3> b = path(hub, new Vec3(0, 0, 0));
        List<Vec3> c = path(hub, new Vec3(9, 16, 0));
        List<Vec3> reading = new ArrayList<>();
        for (Vec3 p : c) {
            if (p.y() <= -40) {
                reading.add(p);
            }
        }
        for (Vec3 p : b) {
            if (p.y() > -40) {
                reading.add(p);
            }
        }
        List<FoundNeedle> needles = List.of(needle(b), needle(reading), needle(c));
        assertThat(NeedleFinder.othersPathShare(needles, 1, FIVE_MM)).as("the reading's share").isEqualTo(1.0);
        assertThat(NeedleFinder.othersPathShare(needles, 0, FIVE_MM)).as("b's share").isBetween(0.5, 0.7);
        List<FoundNeedle> kept = NeedleFinder.withoutOthersPaths(needles, FIVE_MM);
        assertThat(kept).containsExactly(needles.get(0), needles.get(2));
    }

    @Test
    void oneOfTwoReadingsOfOneNeedleIsKept() {
        // Two readings 0.71 mm apart, the second 10 mm shorter at the hub end: it lies wholly on the first (share 1.0) and the
        // first on it over 0.92 of its points. The larger share is dropped first, and the first reading, judged again alone, kept.
        List<Vec3> p = path(new Vec3(0, -120, 0), new Vec3(0, 0, 0));
        List<Vec3> q = path(new Vec3(0.5, -110, 0.5), new Vec3(0.5, 0, 0.5));
        List<FoundNeedle> needles = List.of(needle(p), needle(q));
        assertThat(NeedleFinder.withoutOthersPaths(needles, FIVE_MM)).containsExactly(needles.get(0));
    }

    @Test
    void needlesOfOneColumnOneSliceApartAndACrossingSteepNeedleAreKept() {
        // A template column's needles 5 mm apart along z (one 5 mm slice) over their whole length, and a needle 30° out of the
        // plane crossing both: no point of any lies within 1.5 mm of another's path but where they cross.
        List<FoundNeedle> needles = List.of(needle(path(new Vec3(0, -120, 0), new Vec3(0, 0, 0))),
                needle(path(new Vec3(0, -120, 5), new Vec3(0, 0, 5))),
                needle(path(new Vec3(-30, -120, -40), new Vec3(10, -20, 18))));
        for (int a = 0; a < needles.size(); a++) {
            assertThat(NeedleFinder.othersPathShare(needles, a, FIVE_MM)).as("share of needle %d", a).isLessThan(0.2);
        }
        assertThat(NeedleFinder.withoutOthersPaths(needles, FIVE_MM)).hasSize(3);
    }

    /** Points every 2 mm from {@code hub} to {@code tip}, the tip last. */
    private static List<Vec3> path(Vec3 hub, Vec3 tip) {
        List<Vec3> out = new ArrayList<>();
        double length = tip.distanceTo(hub);
        Vec3 d = tip.minus(hub).normalized();
        for (double s = 0; s < length; s += 2) {
            out.add(hub.plus(d.times(s)));
        }
        out.add(tip);
        return out;
    }

    private static FoundNeedle needle(List<Vec3> path) {
        Vec3 tip = path.get(path.size() - 1);
        Vec3 hub = path.get(0);
        return new FoundNeedle(tip, hub, tip.minus(hub).normalized(), tip.distanceTo(hub), path, false, true, 0, 0, 0, 0, 0);
    }
}
