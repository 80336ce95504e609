package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * Two converging flat needles side by side in one 5 mm slice, one of them near the slice's upper boundary: scan 5531 (the
 * twenty-third of the set 5509–5532, fresh in the thirty-ninth round, seen since; Gaussian, extended HU, in-plane FWHM 1.16 mm,
 * noise 20 HU, streaks 150 HU). Needle 1 (0.8° out of the plane, bent 1.8 mm, z 3.95 at the tip to 5.15 at the hub) and needle
 * 2 (straight, z 1.68 to 2.85) both lie in the slice at 2.5, 3.7 mm apart across at needle 1's tip and 0.5 mm at the hubs. Their
 * steel was read as one run of 1 151 voxels over 144.7 mm (3.04 times the scan's median run's voxels per mm) whose line lay
 * inside that slice; the column pair's cut read it as two needles one above the other (its two-bands test along z holds: the
 * slice's own voxels lie on both sides of a line inside it), and that parting left 1.026 of the one needle's misfit: not cut.
 * Needle 1 was missed and needle 2 read 1.37 mm off across, towards it. Parted across (its two-bands test across holds too),
 * the two needles leave 0.701 of the one's misfit: cut (docs/needles.md, fortieth round, branch {@code needlebent22}). The
 * scan drawn whole as the generalisation run draws it. The rule's margin against a single needle parted across, measured on
 * seen draws (forty-second round, branch {@code needlebent24}), is held by its two-bands test across: the single needles'
 * runs nearest it (5608 n8, 5685 n4) hold 32–39 voxels either side over their deep 35 mm against the 52.5 needed, the pairs
 * it cuts 64 (5267) and 85 (5531).
 */
class NeedleFinderSideBySideOnABoundaryTest {

    @Test
    void twoNeedlesSideBySideInOneSliceArePartedAcrossWhenTheirPartingAlongZExplainsNothing() {
        // Before: needle 1 missed (the case fails on the first assertion). After: nothing missed, no false needle; needle 2 within
        // the 1 mm and 2° (0.30 mm, 0.15° on the branch), needle 1's axis within 2° (1.52°). Needle 1's tip is read 1.20
        // mm off, across in the plane towards needle 2 (its run holds some of needle 2's voxels): held to 1.5 mm, what the rule
        // gives with 0.3 mm to spare for the platform's last bits, not the 1 mm, which it does not reach.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5531, 22);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] second = NeedleFinderZPairingTest.tipAndAxis(m, 5531, 2);
        assertThat(second[0]).as("needle 2's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(second[1]).as("needle 2's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
        double[] first = NeedleFinderZPairingTest.tipAndAxis(m, 5531, 1);
        assertThat(first[0]).as("needle 1's tip, mm").isLessThanOrEqualTo(1.5);
        assertThat(first[1]).as("needle 1's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
    }

    @Test
    void aSingleTiltedNeedleWhoseRunReadsWidestAcrossIsNotParted() {
        // 5608 (scan 4 of the 5 mm draw 5605, box, extended, in-plane FWHM 1.03 mm): n8, 5.3° out of the plane, read as one run
        // of 628 voxels over 148.1 mm (1.56 times the scan's median per mm, two bands along z at its hub end), whose hub end's
        // 35 mm hold 34 and 32 voxels 0.75 mm or more either side of its line across: the most of any single needle's run on
        // the seen draws run, against the 52.5 the two-bands test across asks (and its parting across leaves 1.278 of the one
        // needle's misfit against the bar 0.9). Not parted: nothing missed, no false needle, n8 within the 1 mm and 2°
        // (0.44 mm, 0.41° on the start code and this branch).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(5608, 3);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] n8 = NeedleFinderZPairingTest.tipAndAxis(m, 5608, 8);
        assertThat(n8[0]).as("needle 8's tip, mm").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(n8[1]).as("needle 8's axis, °").isLessThanOrEqualTo(NeedleFinder.AXIS_FIGURE_DEG);
    }

    @Test
    void oneNeedlesSteelIsTwoBandsAcrossOnlyWhereItReachesFarBeyondAnyMeasuredSingleNeedle() {
        // The two-bands test across (NeedleFinder.twoBandsAcross) on voxels of the 0.75 mm grid drawn about lines in one slice,
        // 140 mm long and 4° off the grid's y axis. One needle whose steel voxels reach 1.3 mm either side of its line holds
        // about 0.55 mm × 1.78 voxels per mm² ≈ 1 voxel per mm of each side's band (0.75 mm and more from the line), about 34
        // over 35 mm: 5608 n8's and 5685 n4's runs, the seen single needles widest across (32–39 a side), against the 52.5
        // needed: not two bands. Two needles converging from 3.7 to 0.5 mm apart across, each 0.9 mm wide, as 5531 n1 and n2
        // are: two bands (5531: 85 and 109). By the same count one needle reaches the bar only where its voxels reach about
        // 1.6 mm either side (asserted at 1.7 mm: flagged), a quarter wider than the widest single needle measured; there the
        // gain bar would not stop the parting (docs/needles.md, forty-second round, branch needlebent24).
        assertThat(NeedleFinder.twoBandsAcross(run(List.of(0.0), 1.3))).as("one needle, voxels 1.3 mm either side").isFalse();
        assertThat(NeedleFinder.twoBandsAcross(run(List.of(1.85, -1.85), 0.9))).as("two needles 3.7 to 0.5 mm apart").isTrue();
        assertThat(NeedleFinder.twoBandsAcross(run(List.of(0.0), 1.7))).as("one needle, voxels 1.7 mm either side").isTrue();
    }

    /**
     * The grid voxels in the slice at 2.5 mm within {@code halfWidthMm} across of lines 140 mm long, 4° off the y axis, each
     * offset across by its {@code offsets} entry at y = 0 and by a seventh of it at y = 140 (two offsets converge as 5531's
     * needles do); fitted as {@link NeedleFinderCrossedHubPartTest} fits its runs.
     */
    private static NeedleFinder.Run run(List<Double> offsets, double halfWidthMm) {
        double angle = Math.toRadians(4);
        Vec3 along = new Vec3(Math.sin(angle), Math.cos(angle), 0);
        Vec3 across = new Vec3(Math.cos(angle), -Math.sin(angle), 0);
        List<Vec3> points = new ArrayList<>();
        for (int i = -20; i <= 40; i++) {
            for (int j = -5; j <= 195; j++) {
                Vec3 p = new Vec3(0.75 * i, 0.75 * j, 2.5);
                double t = p.dot(along);
                if (t < 0 || t > 140) {
                    continue;
                }
                for (double offset : offsets) {
                    double at = offset * (1 - 6.0 / 7 * t / 140);
                    if (Math.abs(p.dot(across) - at) <= halfWidthMm) {
                        points.add(p);
                        break;
                    }
                }
            }
        }
        return NeedleFinderCrossedHubPartTest.run(points);
    }
}
