package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.line;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.othersSteel;
import static org.seedplan.verify.needles.NeedleFinderOthersSteelTest.voxels;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * Two needles of one template column converging on the hub: the run holding both needles' steel over the hub side holds
 * most of the second needle's run in its reach, but that run is the second needle, not a second reading, and is kept
 * ({@code NeedleFinder.besideAPair}); a second reading of one needle still goes (docs/needles.md, twenty-sixth round, branch
 * {@code needlesteel8}). 5 mm slices centred on z = ±2.5, ±7.5, …; every run's voxels every 0.75 mm along it, two across
 * (±0.375 mm in x), 2.69 voxels per mm; three far needles make the scan's median run one needle's.
 */
class NeedleFinderConvergingPairTest {

    private static final double SLICE_MM = 5;

    /** A run of these voxels on the straight curve from {@code from} to {@code to}, its extent that chord. */
    private static Object[] run(List<Vec3> voxels, Vec3 from, Vec3 to) {
        return new Object[] {voxels.toArray(new Vec3[0]), line(from, to.minus(from)), new double[] {0, from.distanceTo(to)}};
    }

    /** A needle read in the slice at 2.5, {@code x} mm across, from y = -160 to -30. */
    private static Object[] farNeedle(double x) {
        return run(voxels(new Vec3(x, -160, 2.5), new Vec3(x, -30, 2.5)), new Vec3(x, -160, 2.5), new Vec3(x, -30, 2.5));
    }

    @Test
    void twoConvergingNeedlesOfOneColumnAreBothKept() {
        // 4505's n6 and n5 (5 mm Gaussian): needle A along x = 0, needle B 1.1 mm beside it at the hub (y = -160) and 4.0 mm at
        // the tip (y = -30), both 130 mm. The pair's run holds A's steel and, over the hub side's 80 mm, B's too, in the slice at
        // 2.5 (its curve at x = 1.0, between them, z 1.0); B's own run is the pair read one slice down (z -2.5), 3.5 mm below
        // the pair's curve, and lies within 2.5 mm across of it until B has parted from A by 3.1-3.9 mm: 289 of its 350 voxels,
        // 0.826 (4505: 0.8089), over the others'-steel bar; 61 voxels of its own at its deep end (4505: 56). The pair's run holds
        // 566 voxels over 130 mm, 1.62 times the median run's 2.69 per mm (4505: 1.68). Exact: counts of voxels.
        Vec3 hubB = new Vec3(1.1, -160, -2.5);
        Vec3 tipB = new Vec3(4.0, -30, -2.5);
        Object[] b = run(voxels(hubB, tipB), hubB, tipB);
        List<Vec3> pairSteel = voxels(new Vec3(0, -160, 2.5), new Vec3(0, -30, 2.5));
        Vec3 bAt80 = hubB.plus(tipB.minus(hubB).times(80 / 130.0));
        pairSteel.addAll(voxels(new Vec3(1.1, -160, 2.5), new Vec3(bAt80.x(), bAt80.y(), 2.5)));
        Object[] pair = run(pairSteel, new Vec3(1.0, -160, 1.0), new Vec3(1.0, -30, 1.0));
        double share = NeedleFinder.othersSteelShare((Vec3[]) b[0], List.of((SpaceCurve) pair[1]), List.of((double[]) pair[2]),
                SLICE_MM, SLICE_MM);
        assertThat(share).isCloseTo(289 / 350.0, within(1e-9)).isGreaterThan(NeedleFinder.OTHERS_STEEL_SHARE);
        // Before this rule: B dropped (index 1), needle B missed.
        assertThat(othersSteel(pair, b, farNeedle(40), farNeedle(60), farNeedle(80))).isEmpty();
        // The same run beside a partner holding one needle's steel (A alone) is a second reading: over the bar and dropped.
        Object[] aAlone = run(voxels(new Vec3(0, -160, 2.5), new Vec3(0, -30, 2.5)), new Vec3(1.0, -160, 1.0), new Vec3(1.0, -30, 1.0));
        assertThat(othersSteel(aAlone, b, farNeedle(40), farNeedle(60), farNeedle(80))).containsExactly(1);
        // And a run wholly in the pair's reach (its hub-side 60 mm only: no steel of its own) goes beside the pair too.
        Object[] hubPart = run(voxels(hubB, hubB.plus(tipB.minus(hubB).times(60 / 130.0))), hubB, hubB.plus(tipB.minus(hubB).times(60 / 130.0)));
        assertThat(othersSteel(pair, hubPart, farNeedle(40), farNeedle(60), farNeedle(80))).containsExactly(1);
    }

    @Test
    void aSecondReadingOfOneNeedleIsDropped() {
        // 4503's n6 (5 mm triangle): a needle 0.14 mm above the boundary at z -5 shows in both slices, two runs along its line
        // (z -2.5 and -7.5, their curves at -4.0 and -6.0), 95 and 93 mm, offset 15 mm along it. Each has steel outside the
        // other's reach at one end: the longer reach share, 214 of 250 voxels (0.856, 36 of its own), is dropped: its partner
        // holds one needle's steel, the median's 2.69 voxels per mm; the other (0.836) is then alone and kept. Exact: counts.
        Object[] first = run(voxels(new Vec3(0, -150, -2.5), new Vec3(0, -55, -2.5)), new Vec3(0, -150, -4.0), new Vec3(0, -55, -4.0));
        Object[] second = run(voxels(new Vec3(0, -165, -7.5), new Vec3(0, -72, -7.5)), new Vec3(0, -165, -6.0), new Vec3(0, -72, -6.0));
        assertThat(NeedleFinder.othersSteelShare((Vec3[]) second[0], List.of((SpaceCurve) first[1]), List.of((double[]) first[2]),
                SLICE_MM, SLICE_MM)).isCloseTo(214 / 250.0, within(1e-9));
        assertThat(othersSteel(first, second, farNeedle(40), farNeedle(60), farNeedle(80))).containsExactly(1);
    }
}
