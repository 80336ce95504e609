package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.line;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.othersSteel;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.voxels;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * A run read through two needles' steel, both read already (4506, scan 5 of the seen 5 mm set 4501: triangle, extended, in-plane
 * FWHM 0.61 mm): its voxels are needle 4's tip part in the slice at 7.5 (members of needle 4's run), needle 4's partial volume in
 * that slice behind it and needle 8's in the slice at 2.5. The others'-steel test ({@link NeedleFinder#othersSteel}) read it
 * 0.790 against 0.8 and kept it, a 104.4 mm false needle: needle 4's run's curve, refined before the z fit, lies at z 12.4-12.5
 * over its length, 5.01 mm along z from its own tip part's voxels, just past the slice's reach (5). A voxel another run holds is
 * that run's steel where that run holds no steel half a slice nearer its curve there ({@link NeedleFinder#heldAsOwn}): needle 4's
 * run holds nothing nearer at its tip part, and the run now reads 1.000 and goes (docs/needles.md, thirty-fourth round, branch
 * {@code needlefalse16}). Where the holder holds a second needle's steel a slice beyond its own (5189, scan 16 of the seen 5 mm
 * draw 5173: needle 3 wholly in the run of the needle 8.5 mm below it), that steel is left to the second needle's run, which
 * stays (thirty-fifth round, branch {@code needlefalse17}). 5 mm slices centred on z = ±2.5, ±7.5, …; the needles' steel every
 * 0.75 mm, two across (±0.375 mm in x), their partial volume in the next slice one across.
 */
class NeedleFinderHeldSteelTest {

    private static final double SLICE_MM = 5;

    /** 4506's needle 4's run's curve as refined (before the z fit): (−1.83, −27.93, 12.51) to (−18.41, −159.34, 12.43). */
    private static final Vec3 N4_TIP = new Vec3(-1.83, -27.93, 12.51);
    private static final Vec3 N4_HUB = new Vec3(-18.41, -159.34, 12.43);
    /** 4506's needle 8's run's curve as refined: (1.28, −16.87, −4.57) to (−17.24, −159.38, 1.10). */
    private static final Vec3 N8_TIP = new Vec3(1.28, -16.87, -4.57);
    private static final Vec3 N8_HUB = new Vec3(-17.24, -159.38, 1.10);

    @Test
    void aRunThroughTwoNeedlesSteelReadAlreadyIsNoNeedleOn4506() {
        // Seed 4506 is scan 5 of the draw from 4501. Before: 10 found, 1 false needle of 104.4 mm (it fails); after: none. The
        // tolerances are the targets (1 mm, 2°) for needle 4, whose tip part the false run held.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(4506, 5);
        assertThat(m.unmatchedPlanned()).as("needles missed").isEmpty();
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
        double[] n4 = NeedleFinderZPairingTest.tipAndAxis(m, 4506, 4);
        assertThat(n4[0]).as("needle 4's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(n4[1]).as("needle 4's axis, °").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aRunOfOneNeedlesTipPartAndTwoNeedlesPartialVolumeIsDropped() {
        // 4506's geometry. Needle 4's run: its tip part in the slice at 7.5 (y −28.1 to −81) and its hub part at 12.5 (y −67 to
        // −159.3), on its refined curve. Needle 8's run: the slice at −2.5 (y −17 to −129) and its hub part at 2.5 (y −119 to
        // −159). The third run: needle 4's tip part (the same voxels), needle 4's partial volume at 7.5 behind it (y −81 to
        // −105) and needle 8's at 2.5 (y −99 to −130).
        List<Vec3> n4TipPart = voxels(onLine(N4_TIP, N4_HUB, -28.1, 7.5), onLine(N4_TIP, N4_HUB, -81, 7.5));
        List<Vec3> n4Voxels = new ArrayList<>(n4TipPart);
        n4Voxels.addAll(voxels(onLine(N4_TIP, N4_HUB, -67, 12.5), onLine(N4_TIP, N4_HUB, -159.3, 12.5)));
        Object[] n4 = run(n4Voxels, N4_TIP, N4_HUB);
        List<Vec3> n8Voxels = voxels(onLine(N8_TIP, N8_HUB, -17, -2.5), onLine(N8_TIP, N8_HUB, -129, -2.5));
        n8Voxels.addAll(voxels(onLine(N8_TIP, N8_HUB, -119, 2.5), onLine(N8_TIP, N8_HUB, -159, 2.5)));
        Object[] n8 = run(n8Voxels, N8_TIP, N8_HUB);
        List<Vec3> third = new ArrayList<>(n4TipPart);
        third.addAll(oneAcross(onLine(N4_TIP, N4_HUB, -81.75, 7.5), onLine(N4_TIP, N4_HUB, -105, 7.5)));
        third.addAll(oneAcross(onLine(N8_TIP, N8_HUB, -99, 2.5), onLine(N8_TIP, N8_HUB, -130, 2.5)));
        Object[] falseRun = run(third, onLine(N4_TIP, N4_HUB, -28.1, 7.5), onLine(N8_TIP, N8_HUB, -130, 2.5));
        // By the curves' reach alone: the tip part's first 16 mm (46 voxels, y −28.1 to −44.3) lie 5.00-5.01 mm along z from
        // needle 4's curve, past the reach of 5, the rest within it: 176 of 222, 0.793 (4506: 147 of 186, 0.790), under the bar,
        // kept (before: a false needle). Exact: counts of voxels.
        double reach = NeedleFinder.othersSteelShare((Vec3[]) falseRun[0], List.of((SpaceCurve) n4[1], (SpaceCurve) n8[1]),
                List.of((double[]) n4[2], (double[]) n8[2]), SLICE_MM, SLICE_MM);
        assertThat(reach).isEqualTo(176 / 222.0).isLessThanOrEqualTo(NeedleFinder.OTHERS_STEEL_SHARE);
        // Needle 4's run holds those voxels: every voxel of the third run is the two needles' steel, and it goes; both needles stay.
        assertThat(othersSteel(n4, n8, falseRun)).containsExactly(2);
    }

    @Test
    void aNeedleCrossingAnothersHeldSteelOrConvergingOnItKeepsItsOwn() {
        // The rule's nearest real cases. A needle crossing needle 4's tip part at 35° in its slice (the free-hand needle's crossing,
        // here through the shaft, 8 mm from the tip where needle 4's curve lies 5.01 mm off along z), its run holding needle 4's
        // voxels within 3 mm of the crossing (a run counts steel taken before): 16 of its 286 voxels held, 0.056 (0 by the reach
        // alone). A second needle converging in one slice on needle 4 (needlemiss14's 5047 n1 in n2's run at the hubs; 2701's
        // pattern): 6 mm apart at the tips, 1.5 mm at the hubs, the pair's run holding both needles' steel over the last 40 mm
        // with its curve between them (0.75 mm from needle 4's): 110 of the second needle's 358 voxels, 0.307 (0.120 by the
        // reach alone: its voxels beyond 1.27 mm of the pair's curve in its own slice are held now). Both far under the bar
        // (0.8): kept. Exact: counts of voxels.
        List<Vec3> n4TipPart = voxels(onLine(N4_TIP, N4_HUB, -28.1, 7.5), onLine(N4_TIP, N4_HUB, -81, 7.5));
        List<Vec3> n4Voxels = new ArrayList<>(n4TipPart);
        n4Voxels.addAll(voxels(onLine(N4_TIP, N4_HUB, -67, 12.5), onLine(N4_TIP, N4_HUB, -159.3, 12.5)));
        Object[] n4 = run(n4Voxels, N4_TIP, N4_HUB);
        Vec3 at = onLine(N4_TIP, N4_HUB, -36, 7.5);
        Vec3 d = new Vec3(Math.sin(Math.toRadians(35 + 7.2)), Math.cos(Math.toRadians(35 + 7.2)), 0);
        List<Vec3> crossing = voxels(at.minus(d.times(50)), at.plus(d.times(50)));
        for (Vec3 v : n4TipPart) {
            if (Math.abs(v.y() - at.y()) <= 3) {
                crossing.add(v);
            }
        }
        Object[] crosser = run(crossing, at.minus(d.times(50)), at.plus(d.times(50)));
        assertThat(heldShare(crosser, n4)).isEqualTo(16 / 286.0);
        assertThat(othersSteel(n4, crosser)).isEmpty();
        List<Vec3> first = voxels(onLine(N4_TIP, N4_HUB, -28.1, 12.5), onLine(N4_TIP, N4_HUB, -159.3, 12.5));
        Vec3 tip = new Vec3(4.2, -28, 12.5);
        Vec3 hub = onLine(N4_TIP, N4_HUB, -159.3, 12.5).plus(new Vec3(1.5, 0, 0));
        List<Vec3> second = voxels(tip, hub);
        List<Vec3> both = new ArrayList<>(first);
        for (Vec3 v : second) {
            if (v.y() <= -119.3) {
                both.add(v);
            }
        }
        Object[] pair = run(both, N4_TIP.plus(new Vec3(0.75, 0, 0)), N4_HUB.plus(new Vec3(0.75, 0, 0)));
        Object[] secondRun = run(second, tip, hub);
        assertThat(heldShare(secondRun, pair)).isEqualTo(110 / 358.0);
        assertThat(othersSteel(pair, secondRun)).isEmpty();
    }

    /** 5189's needle 3's run's curve as refined: (−5.24, −45.26, 1.94) to (10.68, −130.03, 8.02). */
    private static final Vec3 N3_TIP = new Vec3(-5.24, -45.26, 1.94);
    private static final Vec3 N3_HUB = new Vec3(10.68, -130.03, 8.02);
    /** 5189's run holding needle 3's steel and its own needle's, 8.5 mm below: (−6.85, −30.34, −7.69) to (10.98, −130.70, 0.12). */
    private static final Vec3 HOLDER_TIP = new Vec3(-6.85, -30.34, -7.69);
    private static final Vec3 HOLDER_HUB = new Vec3(10.98, -130.70, 0.12);

    @Test
    void aNeedleWhollyInTheRunOfTheNeedleBelowItIsKeptOn5189() {
        // Seed 5189 is scan 16 of the draw from 5173 (5 mm Gaussian, extended, FWHM 1.12 mm). Needle 3 (1.8° out of the plane)
        // lies wholly in the run of the needle 8.5 mm below it (523 voxels); with every held voxel counted needle 3's run read
        // 0.836 and was dropped: missed (needlefalse16). Kept now, within the targets (1 mm, 2°; measured 0.17 mm, 0.11°).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5189, 16);
        assertThat(m.unmatchedPlanned()).as("needles missed").isEmpty();
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
        double[] n3 = NeedleFinderZPairingTest.tipAndAxis(m, 5189, 3);
        assertThat(n3[0]).as("needle 3's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(n3[1]).as("needle 3's axis, °").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void aRunHoldingASecondNeedlesSteelASliceBeyondItsOwnLeavesItThatNeedles() {
        // 5189's geometry, on the two runs' refined curves as printed. The holder's own steel: the slice at −7.5 (y −30.3 to −60)
        // and −2.5 (y −60 to −130.7), 0.5-3.7 mm from its curve along z. Needle 3's steel, in needle 3's run and held by the
        // holder too: the slice at 2.5 (y −45.3 to −90) and 7.5 (y −90 to −130), 5.5-10.5 mm from the holder's curve along z,
        // past its reach (5). Where the holder holds needle 3's steel it holds its own 4.8 mm or more nearer its curve (a slice,
        // less the curve's slope): needle 3's steel is needle 3's. Needle 3's run reads 0 (every held voxel counted: 1.000,
        // dropped, the test fails); the holder reads its share of needle 3's steel; both are kept. Exact: counts of voxels.
        List<Vec3> n3Voxels = voxels(onLine(N3_TIP, N3_HUB, -45.3, 2.5), onLine(N3_TIP, N3_HUB, -90, 2.5));
        n3Voxels.addAll(voxels(onLine(N3_TIP, N3_HUB, -90.75, 7.5), onLine(N3_TIP, N3_HUB, -130, 7.5)));
        List<Vec3> holderVoxels = voxels(onLine(HOLDER_TIP, HOLDER_HUB, -30.3, -7.5), onLine(HOLDER_TIP, HOLDER_HUB, -60, -7.5));
        holderVoxels.addAll(voxels(onLine(HOLDER_TIP, HOLDER_HUB, -60.75, -2.5), onLine(HOLDER_TIP, HOLDER_HUB, -130.7, -2.5)));
        holderVoxels.addAll(n3Voxels);
        Object[] holder = run(holderVoxels, HOLDER_TIP, HOLDER_HUB);
        Object[] n3 = run(n3Voxels, N3_TIP, N3_HUB);
        assertThat(heldShare(n3, holder)).isZero();
        assertThat(othersSteel(holder, n3)).isEmpty();
    }

    /** The share of the run's voxels that are the other run's steel, its reach's or its own ({@link NeedleFinder#othersReachOrHeld}). */
    private static double heldShare(Object[] run, Object[] other) {
        boolean[] in = NeedleFinder.othersReachOrHeld((Vec3[]) run[0], List.<Vec3[]>of((Vec3[]) other[0]),
                List.of((SpaceCurve) other[1]), List.of((double[]) other[2]), SLICE_MM, SLICE_MM);
        int n = 0;
        for (boolean b : in) {
            n += b ? 1 : 0;
        }
        return n / (double) in.length;
    }

    /** The point of the line through {@code a} and {@code b} at {@code y}, put at {@code z}. */
    private static Vec3 onLine(Vec3 a, Vec3 b, double y, double z) {
        Vec3 p = a.plus(b.minus(a).times((y - a.y()) / (b.y() - a.y())));
        return new Vec3(p.x(), p.y(), z);
    }

    /** Voxels every 0.75 mm from {@code a} to {@code b}, one across: a needle's partial volume in the next slice. */
    private static List<Vec3> oneAcross(Vec3 a, Vec3 b) {
        List<Vec3> out = new ArrayList<>();
        int n = (int) Math.ceil(a.distanceTo(b) / 0.75);
        for (int k = 0; k <= n; k++) {
            out.add(a.plus(b.minus(a).times(k / (double) n)));
        }
        return out;
    }

    /** A run of these voxels on the straight curve from {@code from} to {@code to}, its extent that chord. */
    private static Object[] run(List<Vec3> voxels, Vec3 from, Vec3 to) {
        return new Object[] {voxels.toArray(new Vec3[0]), line(from, to.minus(from)), new double[] {0, from.distanceTo(to)}};
    }
}
