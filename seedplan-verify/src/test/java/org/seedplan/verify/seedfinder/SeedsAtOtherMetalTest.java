package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * A seed that joins a screw's object above the threshold is never silently lost (issue 15; docs/seed-finder.md, eighth round):
 * the screw's own symmetry (a body of revolution, mirrored through its axis within each slice) leaves the seed's metal as a
 * residual, which on an extended-scale scan is counted as a seed at other metal and on a 12-bit scan, where bone beside the
 * screw saturates with it, is named first in the self-check. Scenes from the independent generator ({@link
 * SeedsAtOtherMetalScenes}: the bench's screw in the vertebra, a seed beside its head and one beside its shaft, twenty single
 * seeds), 2.5 mm Gaussian slices: before this round both seeds were lost on both scales at gaps of 0.2-1.5 mm.
 */
class SeedsAtOtherMetalTest {

    /** The matching gate of the bench: a found seed within this of the true one is it, mm. */
    private static final double GATE_MM = IndependentScanMatrix.MATCH_GATE_MM;
    /**
     * How far a seed beside the screw may lie from the true one, mm: measured 0.12-0.16 mm on these four (the fit to the residual
     * sees the seed's image less what the screw's saturated blur hides); the bound is twice the mean-error target.
     */
    private static final double OUT_OF_METAL_MM = 0.6;

    @Test
    void seedsTouchingAScrewOnAnExtendedScaleAreCountedAndNamedAsReadOutOfIt() {
        for (double gap : new double[] {0.5, 1.0}) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.GAUSSIAN,
                    HuScale.EXTENDED), 2.5, gap, 31 + Math.round(gap * 10));
            SeedFinding f = new SeedFinder().find(s.ct());
            for (int p = 0; p < 2; p++) {
                Vec3 truth = s.atMetal().get(p);
                List<FoundSeed> here = f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM).toList();
                assertThat(here).as("gap %.1f mm, %s: one seed found", gap, s.places().get(p)).hasSize(1);
                FoundSeed seed = here.get(0);
                assertThat(seed.centreMm().minus(truth).norm()).as("gap %.1f mm, %s: centre error, mm", gap, s.places().get(p))
                        .isLessThanOrEqualTo(OUT_OF_METAL_MM);
                // At 0.5 mm the seed stays in the screw's object even at the peak level and is read out of it; at 1 mm it parts from
                // the screw at the peak level and is fitted as an object of its own, more than 1 mm from the screw's voxels.
                if (gap < 1) {
                    assertThat(seed.confidence()).as("confidence of a seed read out of metal").isLessThanOrEqualTo(SeedFinder.IN_METAL_CONFIDENCE);
                    String at = String.format(Locale.ROOT, "the seed at (%.1f, %.1f, %.1f) mm, read out of the screw or rod",
                            seed.centreMm().x(), seed.centreMm().y(), seed.centreMm().z());
                    assertThat(f.selfCheck()).as("gap %.1f mm: the self-check names it", gap)
                            .anyMatch(line -> line.startsWith("SEED AT OTHER METAL") && line.contains(at));
                }
            }
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void seedsTouchingAScrewOnTwelveBitSlicesAreNamedFirstNotCounted() {
        SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.GAUSSIAN,
                HuScale.CLIPPED_12_BIT), 2.5, 0.5, 36);
        SeedFinding f = new SeedFinder().find(s.ct());
        for (int p = 0; p < 2; p++) {
            Vec3 truth = s.atMetal().get(p);
            assertThat(SeedsAtOtherMetalScenes.outcome(f, truth)).as("%s: named by the self-check, not counted", s.places().get(p))
                    .isEqualTo(1);
        }
        List<String> check = f.selfCheck();
        assertThat(check.get(0)).as("the first line of the self-check").startsWith("METAL MAY HOLD SEEDS: the screw or rod");
        assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("lines naming metal that may hold seeds: the two seeds").isEqualTo(2);
        // Two pieces of the stent are read as seeds here, as before this round (the brief's scenes, measured before the change).
        assertThat(SeedsAtOtherMetalScenes.falseSeeds(f, s)).as("false seeds").isEqualTo(2);
    }

    @Test
    void aSeedTouchingAScrewsHeadOnFiveMmSlicesIsNamed() {
        // 5 mm triangle slices, 12-bit, the seed 0.25 mm from the head: the head's saturated blur leaves one voxel of the seed rising
        // 0.8 of the window above its mirror image, the rest of its length 1500-2400 HU; the piece grows through those voxels and is
        // named. Before the ninth round this seed was lost without a word (its piece was a single voxel).
        double gap = 0.25;
        SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.TRIANGLE,
                HuScale.CLIPPED_12_BIT), 5, gap, 31 + Math.round(gap * 10));
        SeedFinding f = new SeedFinder().find(s.ct());
        for (int p = 0; p < 2; p++) {
            assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(p))).as("%s: named by the self-check", s.places().get(p))
                    .isEqualTo(1);
        }
        assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
    }

    @Test
    void aSeedTouchingAScrewsHeadOnTwelveBitSlicesIsNamed() {
        // Gap 0 (the seed's surface on the head's), 12-bit. On 2.5 mm Gaussian slices the seed's voxels saturate with the head's blur
        // and rise 0.27-0.76 of the window above their mirror images (the head's blur at the seed's distance from the axis, 750-2250
        // HU): none reached the 0.8 the pieces started from before the tenth round, so the seed was lost without a word. On 5 mm box
        // slices two of its voxels rise 0.8 but the piece holds 0.40 of a seed's metal (the rest hides in the head's saturated
        // blur), under the half a seed a piece had to hold. Both are named now (pieces start at 0.7 and are named from 0.3 of a
        // seed's metal), and no other METAL MAY HOLD SEEDS line comes with them: the scene's seeds at the screw are the head's and
        // the shaft's, both named.
        for (Object[] c : new Object[][] {{SliceProfile.GAUSSIAN, 2.5}, {SliceProfile.BOX, 5.0}}) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[0],
                    HuScale.CLIPPED_12_BIT), (double) c[1], 0, 31);
            SeedFinding f = new SeedFinder().find(s.ct());
            for (int p = 0; p < 2; p++) {
                assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(p))).as("%s mm %s, %s: named by the self-check", c[1], c[0],
                        s.places().get(p)).isEqualTo(1);
            }
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("%s mm %s: METAL MAY HOLD SEEDS lines", c[1], c[0]).isEqualTo(2);
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void aSeedHiddenInAScrewsHeadOnFiveMmTriangleSlicesIsNamedAsFaint() {
        // Gap 0 on 5 mm triangle slices: the seed's ridge rises only 0.67-0.69 of the way to the metal level above the head's mirrored
        // blur, under the 0.7 a screw's pieces start from, so before the twelfth round it was lost with no line naming it (tuning
        // layout on both scales, the 2027 layout on 12-bit). Pieces from 0.5 of the way beside the part of the screw wider than its
        // median width (the head: 1.21-1.31 here) are named now, in a line of their own; each scene gets that one line, at the seed.
        // The layout drawn from 2029 (5 mm triangle 12-bit and Gaussian extended) leaves a single voxel at 0.7 of the way (0.43-0.47 of
        // a seed's metal, no piece): the faint piece growing through it was skipped for sharing that voxel, and the seed was lost
        // with no line until the thirteenth round, which lets a faint piece grow through a single voxel (width 1.11-1.19 there).
        Object[][] cases = {{SeedsAtOtherMetalScenes.Layout.TUNING, 31L, SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT},
            {SeedsAtOtherMetalScenes.Layout.TUNING, 31L, SliceProfile.TRIANGLE, HuScale.EXTENDED},
            {SeedsAtOtherMetalScenes.Layout.drawn(2027), 2027L, SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT},
            {SeedsAtOtherMetalScenes.Layout.drawn(2029), 2029L, SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT},
            {SeedsAtOtherMetalScenes.Layout.drawn(2029), 2029L, SliceProfile.GAUSSIAN, HuScale.EXTENDED}};
        for (Object[] c : cases) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[2], (HuScale) c[3]), 5,
                    0, (long) c[1], (SeedsAtOtherMetalScenes.Layout) c[0]);
            SeedFinding f = new SeedFinder().find(s.ct());
            assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(0))).as("%s %s %s: the head seed named", c[0], c[2], c[3])
                    .isEqualTo(1);
            List<String> faint = f.selfCheck().stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: the screw or rod")).toList();
            assertThat(faint).as("%s %s %s: lines naming faint metal beside the head", c[0], c[2], c[3]).hasSize(1);
            assertThat(faint.get(0)).contains("beside its head");
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void faintCortexBesideAScrewsShaftOnFiveMmSlicesIsNotNamed() {
        // Tuning scans of the bench (5 mm triangle and Gaussian 12-bit, a screw and no seed in it) where a piece beside the shaft rises
        // 0.53 and 0.58 of the way above its mirror image, as faintly as a seed hidden in the head: where the screw is 0.76 and 0.64
        // of its median width it is not the head, and no line names it (it would with the width test left out). On 11416 (5 mm
        // Gaussian 12-bit) such a piece lies where the screw is 1.00 of its median width: named before the thirteenth round, which
        // asks 1.05 (the head seeds: 1.10 or more).
        for (int[] scan : new int[][] {{9114, 14}, {9134, 34}, {11416, 16}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: lines naming metal that may hold a seed", scan[0]).isZero();
        }
    }

    @Test
    void aSeedTouchingAStentCountedAsTwoAlongZIsNamed() {
        // Gap 0 on 5 mm triangle slices (tuning layout, both scales): the seed and the stent's struts below the threshold make one
        // object holding 2.1-2.3 seeds' metal, counted as two seeds 6.0 mm apart along z at one place in-plane, each 2.9-3.3 mm from
        // the true seed (lost before the twelfth round, with no line). The second seed lowers the misfit by 0.19 of a seed's image
        // energy, under the 0.2 the TWO SEEDS OR ONE line names; the line lies within the match gate of the true seed.
        for (HuScale scale : HuScale.values()) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.TRIANGLE, scale), 5, 0, 31);
            SeedFinding f = new SeedFinder().find(s.ct());
            assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(2))).as("%s: the stent seed named", scale).isEqualTo(1);
            assertThat(f.selfCheck().stream().filter(l -> l.startsWith("TWO SEEDS OR ONE"))).as("%s: TWO SEEDS OR ONE lines", scale)
                    .hasSize(1);
        }
    }

    @Test
    void needleSeedsAlongZOnFiveMmSlicesAreNotNamedAsPerhapsOne() {
        // Tuning scans of the bench with two needle seeds counted in one object at one place in-plane (0.5 and 0.85 mm), 6.6 and
        // 8.3 mm apart along z, whose second seed lowers the misfit least among such pairs on the 5 mm scans of the matrix: by 0.227
        // and 0.232 of a seed's image energy, above the 0.2 named. No seed lies beside a stent there.
        for (int[] scan : new int[][] {{9932, 32}, {9334, 34}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(f.selfCheck().stream().filter(l -> l.startsWith("TWO SEEDS OR ONE"))).as("scan %d: TWO SEEDS OR ONE lines", scan[0])
                    .isEmpty();
        }
    }

    @Test
    void aSeedReadOutOfAScrewsHeadOnFiveMmBoxSlicesIsPutAtItsSlicesCentre() {
        // 5 mm box slices, extended scale, the seed 0.25 and 0.5 mm from the head: it lies inside the slice from 0 to 5 mm (its
        // centre at z 4.07 mm, its ends 0.33 mm above and below) and is read out of the screw's object, marker-high. Fitted to the
        // residual it came out at z 1.08 and 1.38 mm (2.7-3.0 mm off, beyond the match gate: lost) before the tenth round, which
        // puts it at the slice's centre as the isolated seeds on such slices are (fourth round): 1.57 mm off along z. A seed inside
        // one box slice gives the same image wherever it lies in it, so half the slice (2.5 mm) bounds the error along z; in-plane
        // it is the fit's, bounded as the other seeds read out of metal here.
        for (double gap : new double[] {0.25, 0.5}) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.BOX, HuScale.EXTENDED),
                    5, gap, 31 + Math.round(gap * 10));
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 truth = s.atMetal().get(0);
            List<FoundSeed> here = f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM).toList();
            assertThat(here).as("gap %.2f mm: the seed at the screw's head found", gap).hasSize(1);
            Vec3 d = here.get(0).centreMm().minus(truth);
            assertThat(Math.abs(d.z())).as("gap %.2f mm: error along z, mm", gap).isLessThanOrEqualTo(2.5);
            assertThat(Math.hypot(d.x(), d.y())).as("gap %.2f mm: error in-plane, mm", gap).isLessThanOrEqualTo(OUT_OF_METAL_MM);
            assertThat(here.get(0).confidence()).as("confidence of a seed read out of metal").isLessThanOrEqualTo(SeedFinder.IN_METAL_CONFIDENCE);
        }
    }

    @Test
    void aSeedMergedWithAStentsStrutsIsReadOutOfTheObjectRejectedAsOtherMetal() {
        // The seed beside the stent and pieces of its struts make one object of 35-41 voxels holding 3.2-5.4 seeds' metal, which
        // the fit explains to 0.39-0.42 only: it is rejected as other metal and listed as a wire 17-18 mm long, and before the
        // eleventh round no line named the seed's place. The fit puts one seed 0.1-0.8 mm from the true one and explains its core to
        // 0.97-1.00: that seed is read out of the object now. Tuning layout, 2.5 mm box slices, 1 mm gap; layout and noise drawn
        // from 2027, 2.5 mm triangle slices, gap 0. Both HU scales.
        Object[][] cases = {{SeedsAtOtherMetalScenes.Layout.TUNING, 31L, SliceProfile.BOX, 1.0},
            {SeedsAtOtherMetalScenes.Layout.drawn(2027), 2027L, SliceProfile.TRIANGLE, 0.0}};
        for (Object[] c : cases) {
            for (HuScale scale : HuScale.values()) {
                double gap = (double) c[3];
                SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[2], scale), 2.5, gap,
                        (long) c[1] + Math.round(gap * 10), (SeedsAtOtherMetalScenes.Layout) c[0]);
                SeedFinding f = new SeedFinder().find(s.ct());
                Vec3 truth = s.atMetal().get(2);
                List<FoundSeed> here = f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM).toList();
                assertThat(here).as("%s %s: the seed at the stent found", c[2], scale).hasSize(1);
                FoundSeed seed = here.get(0);
                // Measured in-plane 0.1-0.3 mm, along z 0.06 mm (tuning) and 0.71 mm (2027: the struts' metal below the seed pulls
                // it); in-plane bounded as the seeds read out of a screw, along z by half the 2.5 mm slice.
                Vec3 d = seed.centreMm().minus(truth);
                assertThat(Math.hypot(d.x(), d.y())).as("%s %s: error in-plane, mm", c[2], scale).isLessThanOrEqualTo(OUT_OF_METAL_MM);
                assertThat(Math.abs(d.z())).as("%s %s: error along z, mm", c[2], scale).isLessThanOrEqualTo(1.25);
                assertThat(seed.confidence()).as("confidence of a seed read out of metal").isLessThanOrEqualTo(SeedFinder.IN_METAL_CONFIDENCE);
                String at = String.format(Locale.ROOT, "the seed at (%.1f, %.1f, %.1f) mm, read out of the wire", seed.centreMm().x(),
                        seed.centreMm().y(), seed.centreMm().z());
                assertThat(f.selfCheck()).as("%s %s: the self-check names it", c[2], scale)
                        .anyMatch(line -> line.startsWith("SEED AT OTHER METAL") && line.contains(at));
                assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
            }
        }
    }

    @Test
    void aSeedBetweenAStentsRingsFittedTwiceIsReadOutOnce() {
        // Draw 2037, gap 0.25 mm, 2.5 mm triangle slices: the seed lies between two of the stent's rings 0.3 mm from four struts and
        // joins them in one object of 28 voxels holding 3.3-3.9 seeds' metal, explained 0.55: other metal. Its fit of two seeds put
        // this one seed in twice 0.82 mm apart, each copy's core 7 voxels against the read-out's bar of 7.2, so before the
        // twentieth round neither was read out and no line named the place. One seed in place of the two (refitted) has a core of
        // 10 voxels and explains both copies' cores to 0.978 (bar 0.95): it is read out, once. Both HU scales.
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2037);
        for (HuScale scale : HuScale.values()) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.TRIANGLE, scale), 2.5, 0.25,
                    2037 + 3, layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 truth = s.atMetal().get(2);
            List<FoundSeed> here = f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM).toList();
            assertThat(here).as("%s: the seed at the stent found once", scale).hasSize(1);
            FoundSeed seed = here.get(0);
            // Bounded as the stent seeds read out in the eleventh round: in-plane as the seeds read out of a screw, along z by half
            // the 2.5 mm slice.
            Vec3 d = seed.centreMm().minus(truth);
            assertThat(Math.hypot(d.x(), d.y())).as("%s: error in-plane, mm", scale).isLessThanOrEqualTo(OUT_OF_METAL_MM);
            assertThat(Math.abs(d.z())).as("%s: error along z, mm", scale).isLessThanOrEqualTo(1.25);
            assertThat(seed.confidence()).as("confidence of a seed read out of metal").isLessThanOrEqualTo(SeedFinder.IN_METAL_CONFIDENCE);
            String at = String.format(Locale.ROOT, "the seed at (%.1f, %.1f, %.1f) mm, read out of the metal object", seed.centreMm().x(),
                    seed.centreMm().y(), seed.centreMm().z());
            assertThat(f.selfCheck()).as("%s: the self-check names it", scale)
                    .anyMatch(line -> line.startsWith("SEED AT OTHER METAL") && line.contains(at));
            assertThat(SeedsAtOtherMetalScenes.falseSeeds(f, s)).as("%s: false seeds", scale).isZero();
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("%s: single seeds missed", scale).isZero();
        }
    }

    @Test
    void aSeedAloneInItsCoreAtAStentIsReadOutByTheBarsForASeedAlone() {
        // Draw 2041, 2.5 mm slices: the stent's seed at gap 0 (Gaussian, both scales) and 0.25 mm (Gaussian 12-bit, triangle
        // extended) joins struts in one object of 27-36 voxels (2.3-3.0 single seeds' blobs) holding 3.3-5.1 seeds' metal, explained
        // 0.42-0.51: other metal. The fit's seed lies 0.13-0.23 mm from the true one, its core overlaps no other fitted seed's,
        // but at gap 0 its core holds 7 voxels against the bar of 0.6 x 12 = 7.2 (explained 0.992) and at gap 0.25 it explains
        // 0.9488-0.9489 of its core's energy against 0.95 (core 9): before the twenty-second round none was read out and no line
        // named the place. A seed whose core overlaps no other fitted seed's now passes at 0.5 of a single seed's voxels
        // and 0.9 explained (SeedFinder.ALONE_CORE_VOXELS_SHARE, ALONE_WELL_FITTED).
        Object[][] cases = {{SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT, 0.0}, {SliceProfile.GAUSSIAN, HuScale.EXTENDED, 0.0},
            {SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT, 0.25}, {SliceProfile.TRIANGLE, HuScale.EXTENDED, 0.25}};
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2041);
        for (Object[] c : cases) {
            double gap = (double) c[2];
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[0], (HuScale) c[1]), 2.5,
                    gap, 2041 + Math.round(gap * 10), layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 truth = s.atMetal().get(2);
            List<FoundSeed> here = f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM).toList();
            assertThat(here).as("%s %s gap %.2f: the seed at the stent found once", c[0], c[1], gap).hasSize(1);
            FoundSeed seed = here.get(0);
            // Bounded as the stent seeds read out in the eleventh round: in-plane as the seeds read out of a screw, along z by half
            // the 2.5 mm slice.
            Vec3 d = seed.centreMm().minus(truth);
            assertThat(Math.hypot(d.x(), d.y())).as("%s %s gap %.2f: error in-plane, mm", c[0], c[1], gap).isLessThanOrEqualTo(OUT_OF_METAL_MM);
            assertThat(Math.abs(d.z())).as("%s %s gap %.2f: error along z, mm", c[0], c[1], gap).isLessThanOrEqualTo(1.25);
            assertThat(seed.confidence()).as("confidence of a seed read out of metal").isLessThanOrEqualTo(SeedFinder.IN_METAL_CONFIDENCE);
            String at = String.format(Locale.ROOT, "the seed at (%.1f, %.1f, %.1f) mm, read out of the", seed.centreMm().x(),
                    seed.centreMm().y(), seed.centreMm().z());
            assertThat(f.selfCheck()).as("%s %s gap %.2f: the self-check names it", c[0], c[1], gap)
                    .anyMatch(line -> line.startsWith("SEED AT OTHER METAL") && line.contains(at));
            assertThat(SeedsAtOtherMetalScenes.falseSeeds(f, s)).as("%s %s gap %.2f: false seeds", c[0], c[1], gap).isZero();
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("%s %s gap %.2f: single seeds missed", c[0], c[1], gap).isZero();
        }
    }

    @Test
    void aSeedBesideMetalAloneInItsCoreIsReadOutOnAMatrixScan() {
        // Scan 15029 of the bench's matrix (2.5 mm Gaussian, extended scale): a seed beside metal joins it in an object of 44
        // voxels holding 6.2 seeds' metal, explained 0.31: other metal. The fit's seed lies 0.06 mm from the true one and explains
        // its core to 1.000, but the core holds 6 voxels of a single seed's 12 against the bar of 7.2: found 57 of 58 before the
        // twenty-second round. A seed alone in its core passes at 0.5 of a single seed's voxels (thin: 6 is on that bar).
        SimulatedPostOpScan s = IndependentScanMatrix.scan(15029, 29);
        SeedFinding f = new SeedFinder().find(s.ct());
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        assertThat(m.matches()).as("seeds found of %d", s.seeds().size()).hasSize(s.seeds().size());
        assertThat(m.extraFound()).as("false seeds").isEmpty();
    }

    @Test
    void aStentSeedReadOutByTheStentsSymmetryIsNotReadOutOfTheObjectAgain() {
        // Draw 2038, gaps 0.5 and 1.5 mm, 2.5 mm box slices, extended scale: the stent's symmetry reads the seed out of the stent's
        // object (counted, confidence 0.33-0.37), and the fit's seed of the same object, alone in its core (7 and 6 voxels of 12,
        // explained 0.984 and 0.965), passes a lone seed's bars 0.35-0.38 mm from it: one seed, not two (a match within the gate
        // hides the second, so it is counted here).
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2038);
        for (double gap : new double[] {0.5, 1.5}) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(SliceProfile.BOX, HuScale.EXTENDED), 2.5,
                    gap, 2038 + Math.round(gap * 10), layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 truth = s.atMetal().get(2);
            assertThat(f.seeds().stream().filter(x -> x.centreMm().minus(truth).norm() <= GATE_MM))
                    .as("gap %.1f: seeds found at the stent's seed", gap).hasSize(1);
        }
    }

    @Test
    void cortexAndDarkBandsBesideAScrewOnTwelveBitSlicesAreNotNamed() {
        // Tuning scans of the bench (IndependentScanMatrix, 12-bit, a screw and no seed in it), each of which carried a METAL MAY
        // HOLD SEEDS line before the ninth round's bone and band tests: 104 (1.25 mm Gaussian) where the screw crosses the vertebra's
        // cortex obliquely, the cortex 1800 HU beyond the piece; 132 (5 mm triangle) where a beam-hardening band between the screw and
        // the cortex darkens the mirror image of the screw's edge to -1024 HU. No seed lies in the screw, so the count is exact.
        for (int[] scan : new int[][] {{104, 4}, {132, 32}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: METAL MAY HOLD SEEDS lines", scan[0]).isZero();
            assertThat(f.selfCheck()).as("scan %d: the screw is still listed", scan[0]).anyMatch(l -> l.startsWith("OTHER METAL")
                    && l.contains("screw or rod"));
        }
    }

    @Test
    void aSeedBesideAScrewsShaftWithCortexBeyondItIsNamed() {
        // The scenes drawn from 2029 lay the shaft seed 15 mm behind the tip on the side where the vertebra's cortex lies 2-3 mm
        // beyond it: the ninth round's bone test took each of these pieces for cortex, and the seed was lost with no line. Soft
        // tissue between the seed and the cortex dips the CT number by 0.26-0.51 of the way to the metal level (the cortex's own
        // pieces on the tuning screw scans: 0.10 or less). On 12-bit slices nothing is counted out of metal: named
        // (outcome 1) means no seed is found within the gate and a line names metal within it.
        // Thirteenth round, each lost with no line before it: at gaps 0.5 and 1 mm the piece reaches into the cortex (no dip), but
        // its voxels at the clip (7-13) reach 2.48-3.26 mm along the screw, a seed-long saturated ridge (the cortex's pieces with no
        // band on the tuning screw scans: at most 6 voxels; those reaching 2.16 mm, 5-6); on 5 mm slices (Gaussian extended 0.25 mm,
        // triangle 12-bit 0.5 mm) the piece dips 0.35-0.48 with 3-4 voxels at the clip (the 5 mm cortex pieces dipping 0.3 or more
        // hold at most one, those with 3 or more dip at most 0.18).
        assertShaftSeedsNamed(2029, new Object[][] {{SliceProfile.BOX, 1.25, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.TRIANGLE, 2.5, 0.25, HuScale.CLIPPED_12_BIT}, {SliceProfile.BOX, 1.25, 0.5, HuScale.CLIPPED_12_BIT},
            {SliceProfile.GAUSSIAN, 2.5, 1.0, HuScale.CLIPPED_12_BIT}, {SliceProfile.GAUSSIAN, 5.0, 0.25, HuScale.EXTENDED},
            {SliceProfile.TRIANGLE, 5.0, 0.5, HuScale.CLIPPED_12_BIT}});
    }

    /**
     * On the scenes drawn from {@code draw} (noise drawn from it too, as {@code SeedsAtOtherMetalRun} draws it), each case (profile,
     * slice mm, gap mm, scale) names the shaft seed as metal the screw may hold, and no single seed is missed.
     */
    private static void assertShaftSeedsNamed(long draw, Object[][] cases) {
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(draw);
        for (Object[] c : cases) {
            double gap = (double) c[2];
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[0], (HuScale) c[3]),
                    (double) c[1], gap, draw + Math.round(gap * 10), layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(1))).as("draw %d, %s %s mm %s, gap %.2f mm: the shaft seed named",
                    draw, c[0], c[1], c[3], gap).isEqualTo(1);
            assertThat(f.selfCheck()).as("named as metal the screw may hold").anyMatch(l -> l.startsWith("METAL MAY HOLD SEEDS: the screw or rod"));
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void cortexBesideAScrewWithNoDipBeforeItIsNotNamed() {
        // The tuning screw scans whose pieces taken for cortex dip the most before it (0.102 and 0.087 of the way; 2.5 mm Gaussian
        // and box, 12-bit): still no line, the dip rule needing 0.2.
        for (int[] scan : new int[][] {{9210, 10}, {9124, 24}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: METAL MAY HOLD SEEDS lines", scan[0]).isZero();
        }
    }

    @Test
    void cortexBesideAScrewThatComesClosestToASeedIsNotNamed() {
        // The all-implant tuning scans whose pieces taken for cortex come closest to the thirteenth round's rules: 610 (2.5 mm
        // Gaussian 12-bit: 6 voxels at the clip reaching 2.16 mm along the screw), 614 and 314 (5 mm triangle 12-bit: dipping 0.29
        // and 0.26 before the cortex, one voxel at the clip or none). They carry no line naming metal that may hold a seed, but for
        // the nineteenth round's half of a needle seed across a slice boundary (614 and 314: a missed needle seed 1.4 and 0.8 mm
        // from the line, far from the screw).
        for (int[] scan : new int[][] {{610, 10}, {614, 14}, {314, 14}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.allImplants(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f) - f.selfCheck().stream()
                    .filter(l -> l.startsWith("METAL MAY HIDE A SEED: a small object near")).count())
                    .as("scan %d: METAL MAY lines", scan[0]).isZero();
        }
    }

    @Test
    void aSeedsCoreSplitOffCortexBesideAScrewIsNamed() {
        // Scenes drawn from 2029, 12-bit 2.5 mm triangle and Gaussian slices, gap 1.5 mm: the seed touches the cortex, and seed,
        // cortex and screw make one object; split at the peak level, the seed's saturated core (9 voxels, 6 at the clip) read
        // against the cortex around it holds 0.31-0.33 of a seed's metal, under the 0.35 of other metal, and before this round no
        // line named it. Against the scan's background it holds 0.72-0.75: named as a core split off bone.
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2029);
        for (SliceProfile profile : new SliceProfile[] {SliceProfile.TRIANGLE, SliceProfile.GAUSSIAN}) {
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(profile, HuScale.CLIPPED_12_BIT), 2.5,
                    1.5, 2029 + 15, layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            assertThat(SeedsAtOtherMetalScenes.outcome(f, s.atMetal().get(1))).as("%s: the shaft seed named", profile).isEqualTo(1);
            assertThat(f.selfCheck().stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: a saturated core of metal split off bone")))
                    .as("%s: lines naming a core split off bone", profile).hasSize(1);
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void aSeedBesideAScrewsShaftAwayFromTheCortexWithOnlyAShallowBandBeyondItsMirrorIsNamed() {
        // The scenes drawn from 2031 lay the shaft seed 6.6 mm behind the tip on the side away from the vertebra's cortex, which
        // lies 4-5 mm beyond the mirror image with a beam-hardening band (about -300 HU) between it and the screw. No bone lies
        // beyond the seed's piece, but the band test took the piece for the screw's own edge above a darkened mirror image, and the
        // seed was lost with no line (ten scenes at gaps 0-0.5 mm; these three among them, lost on the finder before this round).
        // The band there lies 0.106-0.128 of the way below the background and the piece 0.98-1.30 of the screw's radius from its
        // axis; pieces only a band explains on the tuning screw scans lie 0.167 deep or more, or at 0.96 of the radius or less.
        assertShaftSeedsNamed(2031, new Object[][] {{SliceProfile.GAUSSIAN, 1.25, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.TRIANGLE, 2.5, 0.5, HuScale.CLIPPED_12_BIT}, {SliceProfile.GAUSSIAN, 5.0, 0.25, HuScale.EXTENDED}});
    }

    @Test
    void aScrewsEdgeAboveADarkBandNearestTheShallowBandRuleIsNotNamed() {
        // The tuning screw scans whose pieces only a dark band explains come closest to the shallow-band rule (1.25 mm box and
        // triangle 12-bit): 12618 at 0.96 of the screw's radius with a band 0.167 of the way deep, 12702 at 0.90 and 0.248. Both
        // lie past the radius bar (0.9), and the depth bar (0.15) keeps them: no line naming metal that may hold a seed.
        for (int[] scan : new int[][] {{12618, 18}, {12702, 2}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: METAL MAY lines", scan[0]).isZero();
        }
    }

    @Test
    void aWholeSeedBesideAScrewsShaftWithADeepBandBeyondItsMirrorOnFiveMmGaussianSlicesIsNamed() {
        // The scenes drawn from 2033 lay the shaft seed 9 mm behind the tip on the side away from the vertebra's cortex (as 2031
        // does, 6.6 mm). On 5 mm Gaussian slices the band beyond the piece's mirror image lies 0.169-0.193 of the way below the
        // background and the piece 0.82-0.94 of the screw's radius from its axis, past both of the fourteenth round's bars (0.15,
        // 0.9): the band took the piece for the screw's own edge and the seed was lost with no line (12-bit gaps 0, 0.25, 0.5 mm,
        // extended 0.25 mm, where its residual peaks at 3553 HU, under the marker's 1.25 windows). The piece holds 1.19-1.33 seeds'
        // metal and one seed's image explains 0.867-0.879 of its residual; the screw's edges above a band on the tuning scans are
        // explained at most 0.719, and those holding a seed or more at most 0.625.
        assertShaftSeedsNamed(2033, new Object[][] {{SliceProfile.GAUSSIAN, 5.0, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.GAUSSIAN, 5.0, 0.25, HuScale.EXTENDED}});
    }

    @Test
    void aWholeSeedBesideAScrewsShaftWithCortexBeyondItIsNamed() {
        // The scenes drawn from 2035 lay the shaft seed 14.6 mm behind the tip on the side of the vertebra's cortex. At gap 1 mm on
        // 2.5 mm Gaussian 12-bit slices the seed joins the screw's object and its symmetry leaves it as one piece (10 voxels, 5 at the
        // clip, 1.78 seeds' metal with the cortex it saturates with); bone lies beyond it, the CT number dips only 0.13 of the way
        // before the bone (the dip rule asks 0.2) and its 5 voxels at the clip are no seed-long ridge (7): the bone test took it for
        // cortex and the seed was lost with no line. One seed's image explains 0.862 of its residual. Named now: a piece with bone
        // beyond it holding 1-2.5 seeds' metal with 3 voxels or more at the clip that one seed's image explains 0.75 or more.
        assertShaftSeedsNamed(2035, new Object[][] {{SliceProfile.GAUSSIAN, 2.5, 1.0, HuScale.CLIPPED_12_BIT}});
    }

    @Test
    void cortexBesideAScrewNearestTheSeedAtBoneRuleIsNotNamed() {
        // The tuning screw scans whose pieces taken for cortex come closest to that rule (12-bit, no seed in the screw): 13910 (2.5 mm
        // Gaussian: 1.18 seeds, explained 0.815, but 2 voxels at the clip, the most of any such piece explained 0.75 or more) and
        // 13500 (1.25 mm box: 1.02 seeds, 3 voxels at the clip, explained 0.726, the best of any such piece with 3 or more). No line
        // names metal that may hold a seed there.
        for (int[] scan : new int[][] {{13910, 10}, {13500, 0}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.scan(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: METAL MAY lines", scan[0]).isZero();
        }
    }

    @Test
    void aScrewsEdgeAboveADarkBandFittedMostLikeASeedIsNotNamed() {
        // The all-implant tuning scans whose pieces only a dark band explains come closest to the seed-sized rule (5 mm box 12-bit
        // 312: one seed's image explains 0.719 of the residual, 0.55 seeds' metal; 5 mm box extended 1013: 0.676, 0.90 seeds):
        // both under the bars (0.75, 1 seed), no line naming metal that may hold a seed.
        for (int[] scan : new int[][] {{312, 12}, {1013, 13}}) {
            SeedFinding f = new SeedFinder().find(IndependentScanMatrix.allImplants(scan[0], scan[1]).ct());
            assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("scan %d: METAL MAY lines", scan[0]).isZero();
        }
    }

    @Test
    void aSeedBesideAScrewsShaftMergedWithCortexOnFiveMmTwelveBitSlicesIsNamed() {
        // The scenes drawn from 2039 lay the shaft seed 17.4 mm behind the tip on the side of the vertebra's cortex, where the cortex
        // comes closest to the shaft. On 5 mm 12-bit slices the seed, the cortex and the screw make one object, and the screw's
        // symmetry leaves the seed with the cortex as one piece of 5-9 seeds' metal, bone beyond it and no dip before the bone: the bone
        // test took it for cortex and the seed was lost with no line at gaps 0-1.5 mm on every profile (the test fails on the finder
        // before the twenty-first round). 3-8 of the piece's voxels saturate where their mirror images lie near the background (a seed's
        // metal, denser than bone); pieces of cortex with bone beyond them hold at most 1 such voxel on the 5 mm screw scans of the tuning
        // data. Named now (never counted).
        assertShaftSeedsNamed(2039, new Object[][] {{SliceProfile.BOX, 5.0, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.TRIANGLE, 5.0, 0.25, HuScale.CLIPPED_12_BIT}, {SliceProfile.GAUSSIAN, 5.0, 1.0, HuScale.CLIPPED_12_BIT}});
    }

    @Test
    void aSeedBesideAScrewsShaftMergedWithCortexWhoseVoxelsStandUnderNineTenthsOfTheWayIsNamed() {
        // Draw 2040 lays the shaft seed where 2039 does (17.5 mm behind the tip, the cortex's side); only the noise differs, and with it
        // the mirror: the mirror images of the seed's saturated voxels lie at 260-640 HU instead of near the background, so at gaps 0
        // and 0.25 mm on 5 mm 12-bit slices its voxels at the clip stand 0.80-0.93 of the way above them, at most one of them 0.9 (the
        // twenty-first round's share), and the seed was lost with no line (fails on the finder before the twenty-second round). The
        // second-highest such voxel stands 0.857-0.879 of the way; no piece of cortex with bone beyond it on the seen 5 mm screw scans
        // has two above 0.671 (the share, 0.75, lies between).
        assertShaftSeedsNamed(2040, new Object[][] {{SliceProfile.BOX, 5.0, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.TRIANGLE, 5.0, 0.0, HuScale.CLIPPED_12_BIT}, {SliceProfile.GAUSSIAN, 5.0, 0.0, HuScale.CLIPPED_12_BIT},
            {SliceProfile.BOX, 5.0, 0.25, HuScale.CLIPPED_12_BIT}, {SliceProfile.TRIANGLE, 5.0, 0.25, HuScale.CLIPPED_12_BIT},
            {SliceProfile.GAUSSIAN, 5.0, 0.25, HuScale.CLIPPED_12_BIT}});
    }

    @Test
    void cortexBesideAScrewOnFiveMmSlicesWithOneVoxelSaturatingAloneIsNotNamed() {
        // The tuning screw scans whose pieces with bone beyond them come closest to the saturated-alone rule on 5 mm slices (one voxel at
        // the clip whose mirror image lies near the background, against the rule's 2): 14612 (box 12-bit, 2.54 seeds' metal) and all-implant
        // 1616 (Gaussian 12-bit, 1.18 seeds). No line names metal the screw may hold near either piece.
        assertNoScrewLineNear(new SeedFinder().find(IndependentScanMatrix.scan(14612, 12).ct()), new Vec3(-3.4, 55.3, 8.3), "14612");
        assertNoScrewLineNear(new SeedFinder().find(IndependentScanMatrix.allImplants(1616, 16).ct()), new Vec3(-4.6, 54.7, 8.7), "1616");
    }

    @Test
    void aScrewWithNoSeedBesideItOnFiveMmSlicesIsNotNamed() {
        // The bench anatomy with only the pedicle screw (its shaft through the vertebra's cortex) on 5 mm slices of each profile and
        // scale: the saturated-alone rule, like every reading of a screw's pieces, names nothing.
        for (SliceProfile profile : SliceProfile.values()) {
            for (HuScale scale : HuScale.values()) {
                var grid = new org.seedplan.geometry.Grid(new Vec3(-79.6, -79.6, -35), 0.8, 0.8, 5, 200, 200, 15);
                var origin = org.seedplan.verify.scanner.Anatomy.centre(grid);
                var ct = new org.seedplan.verify.scanner.PostOpScanner(ScannerModel.typical(profile, scale)).scan(grid, java.util.List.of(
                        org.seedplan.verify.scanner.DenseObject.pedicleScrew(origin.plus(new Vec3(-2, 32, 0)), new Vec3(-0.2, 1, 0.15), 24)), 5);
                SeedFinding f = new SeedFinder().find(ct);
                assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("%s %s: METAL MAY lines", profile, scale).isZero();
            }
        }
    }

    @Test
    void aSeedHiddenInAScrewsHeadOnThinSlicesIsNamedAsFaint() {
        // Draw 2043, gap 0, 2.5 mm triangle and Gaussian slices, both scales: the head seed joins the screw's object and its voxels
        // stand at most 0.687-0.690 of the way above their mirror images (the head's blur), under the 0.7 a screw's pieces start
        // from, so no piece held it and it was lost with no line. Started from 0.5 of the way its piece holds 0.46-0.49 of a seed's
        // metal where the object is 1.54-1.57 times its median width, with no bone beyond: what fainterBesideHead names, asked only on
        // slices of 3 mm or more before the twenty-third round. Each scene gets that one line, at the seed (measured 0.24-0.41 mm from
        // it; the bound is a seed's diameter: the line names the seed's own metal, not the head beside it).
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2043);
        for (SliceProfile profile : new SliceProfile[] {SliceProfile.TRIANGLE, SliceProfile.GAUSSIAN}) {
            for (HuScale scale : HuScale.values()) {
                SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical(profile, scale), 2.5, 0, 2043, layout);
                SeedFinding f = new SeedFinder().find(s.ct());
                Vec3 seed = s.atMetal().get(0);
                assertThat(SeedsAtOtherMetalScenes.outcome(f, seed)).as("%s %s: the head seed named", profile, scale).isEqualTo(1);
                List<String> faint = f.selfCheck().stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: the screw or rod")
                        && l.contains("beside its head")).toList();
                assertThat(faint).as("%s %s: lines naming faint metal beside the head", profile, scale).hasSize(1);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("near \\((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\\) mm")
                        .matcher(faint.get(0));
                assertThat(m.find()).isTrue();
                Vec3 p = new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
                assertThat(p.minus(seed).norm()).as("%s %s: the line from the seed, mm", profile, scale).isLessThanOrEqualTo(SeedFinder.SEED_DIAMETER_MM);
                assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
            }
        }
    }

    @Test
    void aSeedTouchingAScrewsHeadWhereItEntersTheCortexIsNamedAtItsCore() {
        // Draw 2068, the head seed 25.6 mm behind the tip (the head begins at 24 mm, where the screw enters the vertebra's cortex):
        // its piece grows through the cortex, which rises about 1750 HU above its mirror image (over the 0.42 of the way a screw's
        // piece grows through, under the 0.7 it starts from) and holds about three quarters of the piece's residual. The line named
        // the residual's centre, 2.52-2.87 mm from the seed, beyond the 2.5 mm the scenes take for naming it: lost with no line at
        // the twenty-ninth round's finder. Now it names the centre of the piece's core (the seed's own voxels), 0.24-1.25 mm from
        // it (measured; bound 1.5 mm, inside the gate by 1 mm). Nothing is counted.
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2068);
        Object[][] cases = {{0.0, 1.25, SliceProfile.BOX, HuScale.CLIPPED_12_BIT}, {0.25, 2.5, SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT},
            {0.25, 5.0, SliceProfile.BOX, HuScale.CLIPPED_12_BIT}, {0.25, 5.0, SliceProfile.BOX, HuScale.EXTENDED}};
        for (Object[] c : cases) {
            double gap = (double) c[0];
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[2], (HuScale) c[3]),
                    (double) c[1], gap, 2068 + Math.round(gap * 10), layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 seed = s.atMetal().get(0);
            String scene = String.format(Locale.ROOT, "gap %.2f, %s mm %s %s", gap, c[1], c[2], c[3]);
            assertThat(SeedsAtOtherMetalScenes.outcome(f, seed)).as("%s: the head seed named", scene).isEqualTo(1);
            java.util.regex.Pattern near = java.util.regex.Pattern.compile("near \\((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\\) mm");
            double nearest = Double.POSITIVE_INFINITY;
            for (String line : f.selfCheck()) {
                if (line.startsWith("METAL MAY HOLD SEEDS: the screw or rod")) {
                    java.util.regex.Matcher m = near.matcher(line);
                    assertThat(m.find()).isTrue();
                    Vec3 p = new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
                    nearest = Math.min(nearest, p.minus(seed).norm());
                }
            }
            assertThat(nearest).as("%s: the screw's line nearest the seed, mm", scene).isLessThanOrEqualTo(1.5);
            assertThat(SeedsAtOtherMetalScenes.falseSeeds(f, s)).as("%s: false seeds", scene).isZero();
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("%s: single seeds missed", scene).isZero();
        }
    }

    @Test
    void aScrewWithNoSeedBesideItOnThinSlicesIsNotNamed() {
        // The bench anatomy with only the pedicle screw on 1.25 and 2.5 mm slices of each profile and scale: since the twenty-third
        // round faint pieces beside the head are named on thin slices too; where the screw enters the vertebra's cortex beside its
        // head the cortex's faint pieces lie where the object is 1.07-1.61 times its median width (the scenes drawn from 2040-2048),
        // and only the bone beyond them keeps them unnamed. No line here.
        for (double slice : new double[] {1.25, 2.5}) {
            for (SliceProfile profile : SliceProfile.values()) {
                for (HuScale scale : HuScale.values()) {
                    int nz = (int) Math.round(72 / slice);
                    var grid = new org.seedplan.geometry.Grid(new Vec3(-79.6, -79.6, -(nz - 1) * slice / 2), 0.8, 0.8, slice, 200, 200, nz);
                    var origin = org.seedplan.verify.scanner.Anatomy.centre(grid);
                    var ct = new org.seedplan.verify.scanner.PostOpScanner(ScannerModel.typical(profile, scale)).scan(grid, java.util.List.of(
                            org.seedplan.verify.scanner.DenseObject.pedicleScrew(origin.plus(new Vec3(-2, 32, 0)), new Vec3(-0.2, 1, 0.15), 24)), 5);
                    SeedFinding f = new SeedFinder().find(ct);
                    assertThat(SeedsAtOtherMetalScenes.metalHoldingLines(f)).as("%s mm %s %s: METAL MAY lines", slice, profile, scale).isZero();
                }
            }
        }
    }

    /** No METAL MAY line names metal within the matching gate of {@code at}. */
    private static void assertNoScrewLineNear(SeedFinding f, Vec3 at, String scan) {
        java.util.regex.Pattern near = java.util.regex.Pattern.compile("near \\((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\\) mm");
        for (String line : f.selfCheck()) {
            if (line.startsWith("METAL MAY")) {
                java.util.regex.Matcher m = near.matcher(line);
                while (m.find()) {
                    Vec3 p = new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
                    assertThat(p.minus(at).norm()).as("scan %s: %s", scan, line).isGreaterThan(IndependentScanMatrix.MATCH_GATE_MM);
                }
            }
        }
    }

    @Test
    void aSeedAtAStentFittedCloselyButUnderTheReadOutsBarsIsNamed() {
        // Draw 2055, 2.5 mm slices, 12-bit: the stent seed joins pieces of the struts in one object rejected as other metal (2.4-2.5
        // single-seed volumes, 3.8-4.0 seeds' metal, explained 0.41-0.51 as a whole). The fit puts a seed 0.56-0.77 mm from the true
        // one, its core 10 of 13 voxels (gap 0, triangle; sharing core voxels with a strut's fitted seed) explained 0.934 against the
        // read-out's 0.95, or 13 of 12 alone in its core (gap 1 mm, Gaussian) explained 0.865 against 0.9: not read out, and before
        // the twenty-fifth round no line named the place. Now one line names it, at the fitted seed (bound: 1 mm, a seed's
        // diameter and a margin over the 0.77 measured, well inside the 2.5 mm the scenes take for named). Nothing is counted.
        SeedsAtOtherMetalScenes.Layout layout = SeedsAtOtherMetalScenes.Layout.drawn(2055);
        Object[][] cases = {{SliceProfile.TRIANGLE, 0.0}, {SliceProfile.GAUSSIAN, 1.0}};
        for (Object[] c : cases) {
            double gap = (double) c[1];
            SeedsAtOtherMetalScenes.Scene s = SeedsAtOtherMetalScenes.scene(ScannerModel.typical((SliceProfile) c[0], HuScale.CLIPPED_12_BIT),
                    2.5, gap, 2055 + Math.round(gap * 10), layout);
            SeedFinding f = new SeedFinder().find(s.ct());
            Vec3 seed = s.atMetal().get(2);
            assertThat(SeedsAtOtherMetalScenes.outcome(f, seed)).as("%s gap %.1f: the stent seed named", c[0], gap).isEqualTo(1);
            List<String> fitted = f.selfCheck().stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED") && l.contains("image fits closely"))
                    .toList();
            assertThat(fitted).as("%s gap %.1f: lines naming a closely fitted seed", c[0], gap).hasSize(1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("near \\((-?[0-9.]+), (-?[0-9.]+), (-?[0-9.]+)\\) mm")
                    .matcher(fitted.get(0));
            assertThat(m.find()).isTrue();
            Vec3 p = new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
            assertThat(p.minus(seed).norm()).as("%s gap %.1f: the line from the seed, mm", c[0], gap).isLessThanOrEqualTo(1.0);
            assertThat(SeedsAtOtherMetalScenes.falseSeeds(f, s)).as("false seeds").isZero();
            assertThat(SeedsAtOtherMetalScenes.singlesMissed(f, s)).as("single seeds missed").isZero();
        }
    }

    @Test
    void metalOfEveryKindOnAllImplantScansIsNotNamedAsACloselyFittedSeed() {
        // All-implant 2800's six 2.5 mm scans (screw, stent, coil, clip and a steel wire beside 59 seeds): no fitted seed of an
        // object rejected as other metal and not read out has half a seed's core explained to 0.7 or more there (none on the 90
        // scans of 2400-2800; the bar is 0.8 with 0.6 of a seed's core). No such line.
        for (int n = 6; n < 12; n++) {
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(2800 + n, n);
            SeedFinding f = new SeedFinder().find(s.ct());
            assertThat(f.selfCheck()).as("%d %s: lines naming a closely fitted seed", 2800 + n, IndependentScanMatrix.label(n))
                    .noneMatch(l -> l.contains("image fits closely"));
        }
    }
}
