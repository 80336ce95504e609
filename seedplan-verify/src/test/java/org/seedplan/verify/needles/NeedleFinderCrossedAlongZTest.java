package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * Two needles' hub parts read crosswise along z ({@code NeedleFinder.crossedAlongZ}): docs/needles.md, forty-first round,
 * branch {@code needlefalse23}. 5621 (scan 17 of the 5 mm draw 5605, the fortieth round's fresh draw, seen since): n7's and
 * n8's hub parts, one template column 1–2 mm apart in the axial plane, 28 mm each in the slices at −12.5 and −17.5, a component
 * of their own, were read as two runs crossing from one slice to the other (9.2° apart in the plane, so the pairing along z
 * never saw them); the one left over was a 44.6 mm false needle.
 */
class NeedleFinderCrossedAlongZTest {

    private static final double TUBE_MM = 3.0;
    private static final double SLICE_MM = 5.0;

    @Test
    void n7AndN8sHubPartsMakeNoFalseNeedleOn5621() {
        // The seventeenth scan of the 5 mm draw 5605 (Gaussian, extended, in-plane FWHM 0.74 mm, noise 21, streaks 284): the
        // two crosswise runs are read again along z, the split into n7's and n8's hub parts explains the CT best (NeedleZPairing)
        // and each joins its needle: no false needle (before: a 44.6 mm one), nothing missed, n7 and n8 within the targets.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5621, 16);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        for (int needle : new int[] {7, 8}) {
            double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 5621, needle);
            assertThat(tipAndAxis[0]).as("tip of needle " + needle).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(tipAndAxis[1]).as("axis of needle " + needle).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }

    @Test
    void twoHubPartsReadCrosswiseFromOneSliceToTheNextAreAnX() {
        // 5621's geometry by hand: n7's hub part in the slice at -12.5 (x 27.6 -> 26.5 over y -158.6 -> -130.1) and n8's in the
        // slice at -17.5 (x 28.9 -> 27.8), read as the finder read them: one run from n7's hub to n8's steel beyond y -146 and
        // one from n8's hub to n7's. Their ends lie 2.2-4.2 mm either side of the line through both on 5621 (the bar is a
        // quarter slice, 1.25 mm): read as an X. The same voxels read each in its own slice are no X (both ends of each on
        // one side).
        List<Vec3> n7 = hubPart(27.6, 26.5, -12.5);
        List<Vec3> n8 = hubPart(28.9, 27.8, -17.5);
        NeedleFinder.Run falseRun = run(concat(before(n7, -144), beyond(n8, -146.7)));
        NeedleFinder.Run other = run(concat(before(n8, -144), beyond(n7, -146.7)));
        assertThat(NeedleFinder.crossedAlongZ(other, falseRun, TUBE_MM, SLICE_MM)).as("the two diagonal runs").isTrue();
        assertThat(NeedleFinder.crossedAlongZ(run(n7), run(n8), TUBE_MM, SLICE_MM)).as("each hub part in its slice").isFalse();
    }

    @Test
    void twoNeedlesOfOneColumnConvergingAlongZAreNoX() {
        // The nearest pair it must leave alone on 5621: n7's and n8's main runs, one slice apart along z at the hubs and
        // converging towards the tips, each on its own side of the line through both over its whole length (ends +3.46, +2.22
        // and -0.75, -0.78 mm on 5621): no X, left to crossingAlongZ.
        List<Vec3> upper = line(new Vec3(19.9, -24.4, -2.5), new Vec3(26.2, -128.8, -7.5));
        List<Vec3> lower = line(new Vec3(24.0, -9.5, -7.5), new Vec3(26.9, -128.6, -12.5));
        assertThat(NeedleFinder.crossedAlongZ(run(upper), run(lower), TUBE_MM, SLICE_MM)).isFalse();
    }

    /** A hub part's voxels at the slice's centre {@code z}, every 0.75 mm of y from -158.6 to -130.1, x from {@code x0} to {@code x1}. */
    private static List<Vec3> hubPart(double x0, double x1, double z) {
        List<Vec3> out = new ArrayList<>();
        for (double y = -158.6; y <= -130.1; y += 0.75) {
            double f = (y + 158.6) / 28.5;
            out.add(new Vec3(x0 + f * (x1 - x0), y, z));
            out.add(new Vec3(x0 + f * (x1 - x0) + 0.75, y, z));
        }
        return out;
    }

    /** A staircase of voxels from {@code a} to {@code b}, each at the centre of the 5 mm slice (centres at 2.5 + 5k) it lies in. */
    private static List<Vec3> line(Vec3 a, Vec3 b) {
        List<Vec3> out = new ArrayList<>();
        int n = (int) Math.ceil(a.distanceTo(b) / 0.75);
        for (int k = 0; k <= n; k++) {
            Vec3 p = a.plus(b.minus(a).times(k / (double) n));
            double z = 2.5 + SLICE_MM * Math.floor(p.z() / SLICE_MM);
            out.add(new Vec3(p.x(), p.y(), z));
            out.add(new Vec3(p.x() + 0.75, p.y(), z));
        }
        return out;
    }

    private static List<Vec3> before(List<Vec3> part, double y) {
        return part.stream().filter(v -> v.y() < y).toList();
    }

    private static List<Vec3> beyond(List<Vec3> part, double y) {
        return part.stream().filter(v -> v.y() >= y).toList();
    }

    /** A run of these points, fitted as {@link NeedleFinderCrossedHubPartTest} fits its runs. */
    private static NeedleFinder.Run run(List<Vec3> points) {
        return NeedleFinderCrossedHubPartTest.run(points);
    }

    private static List<Vec3> concat(List<Vec3> a, List<Vec3> b) {
        List<Vec3> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
