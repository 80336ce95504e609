package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.Anatomy;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * A stent's struts on clipped 2.5 mm box slices: where a bridge joins the apices of two rings, a piece of 4–5 voxels (under half a
 * seed's) stands alone above the threshold, peaks 0.65–0.75 of the way from the background to the metal level and, on the clipped
 * scale, holds 0.7–0.9 of a seed's (clipped) metal; the one-seed fit explains it under 0.6 and it was counted as a seed with
 * confidence 0 (all-implant 3406, 3506, 3606, 3706, at the same places of the stent; docs/seed-finder.md, thirty-second round,
 * seedstent14). It is now other metal: at the low level it joins the struts reaching round the stent, farther than a seed's image, and
 * on thin slices no seed's marker stays so far under the metal level. The keep side: rendered scenes (the bench's
 * {@code PostOpScanner}, the all-implant grid and stent pose, twelve seeds in the liver to learn from) with a seed beside the stent.
 */
class StentStrutPiecesTest {

    private static final Vec3 STENT_AXIS = new Vec3(0.1, 0.2, 1);

    @Test
    void piecesAtAStentsBridgeOnClippedBoxSlicesAreNotSeeds() {
        // The bench's 2.5 mm box 12-bit cell of the all-implant sets (seen): 3406 and 3606 each counted the bridge piece (A) as a seed,
        // 3706 it and B; the seed beside the stent and a strut counted two (3706) is not this rule's. A false seed is on the stent where
        // the struts' metal lies within the match gate (2.5 mm, the bench's tolerance for a found seed to be a true one) of it.
        for (long scan : new long[] {3406, 3606, 3706}) {
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(scan, 6);
            SeedFinding f = new SeedFinder().find(s.ct());
            SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
            List<FoundSeed> onStent = m.extraFound().stream().map(i -> f.seeds().get(i))
                    .filter(x -> OtherMetalScansRun.cause(s, x.centreMm()).equals("stent")).toList();
            assertThat(onStent).as("%d: false seeds on the stent alone in their objects", scan).noneMatch(x -> x.seedsInBlob() == 1);
            assertThat(m.matches()).as("%d: seeds found", scan).hasSize(58);
        }
    }

    @Test
    void aBridgePieceFittedAsTwoSeedsIsNotSeeds() {
        // All-implant 3906 (seen; the bench's 2.5 mm box 12-bit cell): the bridge between rings 7 and 8 and their apices (place B) stood
        // alone as 19 voxels peaking 0.651 of the way from the background to the metal level, its metal read as 2.38 seeds, so it was
        // fitted as two seeds 5.1 mm apart (explained 0.293) and counted as two false seeds with confidence 0; the strut rule asked only
        // objects counted as one. Tolerance: the match gate (2.5 mm, the bench's tolerance for a found seed to be a true one) decides
        // what is "on the stent"; every true seed of the scan must still be found (59 of 59, as at the start commit).
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(3906, 6);
        SeedFinding f = new SeedFinder().find(s.ct());
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        List<FoundSeed> onStent = m.extraFound().stream().map(i -> f.seeds().get(i))
                .filter(x -> OtherMetalScansRun.cause(s, x.centreMm()).equals("stent")).toList();
        assertThat(onStent).as("3906: false seeds on the stent").isEmpty();
        assertThat(m.matches()).as("3906: seeds found").hasSize(59);
    }

    @Test
    void aSeedJoinedToAStentsStrutsOnExtendedSlicesIsNotAChainOfFiveSeeds() {
        // Matrix 20025 (seen; 2.5 mm box, extended scale): the seed beside the stent (2.49 mm from its struts) joined them at the
        // threshold in one object of 56 voxels over 11 slices, explained 0.425; its metal, read unclipped, came to 5.02 seeds and its
        // profile to a chain of five, so it was counted as five seeds, four of them false on struts (confidence 0), the faintest's
        // densest voxel within half a seed's length at 0.19 of the single seeds' median peak (docs/seed-finder.md, thirty-sixth
        // round, seedstent18). Now other metal, with the seed read out of it. Tolerance: the match gate (2.5 mm, the bench's
        // tolerance for a found seed to be a true one); every true seed of the scan must still be found (58 of 58, as before).
        IndependentScanMatrix.assertFoundAndFalse("2.5 mm BOX EXTENDED", new long[][] {{20025, 58, 0}});
    }

    @Test
    void aSeedBesideTheStentJoinedToItsStrutsOnThickSlicesIsKept() {
        // The nearest case the rule must leave alone: on 5 mm triangle 12-bit slices the seed 2 mm beside the stent's wall (as the
        // bench lays it) joins the struts at the low level (reaching 15–16 mm) and its one-seed fit explains it under 0.6 on the seen
        // all-implant scans; its marker reaches the metal level.
        Vec3 u = STENT_AXIS.normalized();
        Scene s = sceneWithSeedAt(5, stent -> stent.centreMm().plus(u.times(-4))
                .plus(new Vec3(1, 0, -0.1).normalized().times(5 + 0.1 + 2 + 0.4)), 3714L * 7919 + 13);
        assertThat(s.nearestFoundMm()).as("the seed beside the stent, nearest found seed's distance, mm")
                .isLessThan(IndependentScanMatrix.MATCH_GATE_MM);
        assertThat(s.finding().seeds()).as("seeds found").hasSize(13);
    }

    @Test
    void aSeedTouchingTheStentOnThinClippedSlicesIsKept() {
        // The nearest case on thin slices: a seed 0.25 mm from the stent's wall on 2.5 mm triangle 12-bit slices merges with the struts
        // (an object of 25-30 voxels in the seen scenes 2071, 2072), its one-seed fit explains it under 0.6 and at the low level it
        // joins the stent; its marker reaches the metal level (1.0 of the way), the struts' pieces 0.66-0.75.
        Vec3 u = STENT_AXIS.normalized();
        Vec3 side = u.cross(Vec3.UNIT_Z).normalized();
        Scene s = sceneWithSeedAt(2.5, stent -> stent.centreMm().plus(u.times(9.2)).plus(side.times(5 + 0.15 + 0.25 + 0.4)), 2071L + 3);
        assertThat(s.nearestFoundMm()).as("the seed touching the stent, nearest found seed's distance, mm")
                .isLessThan(IndependentScanMatrix.MATCH_GATE_MM);
    }

    /** A rendered scene's one seed placed by the stent, and what the finder found. */
    private record Scene(Vec3 seed, SeedFinding finding) {
        double nearestFoundMm() {
            return finding.seeds().stream().mapToDouble(x -> x.centreMm().minus(seed).norm()).min().orElseThrow();
        }
    }

    /**
     * The implant, the stent at the all-implant sets' pose and one seed along the stent's axis at {@code place(stent)}, on triangle
     * 12-bit slices of {@code sliceMm}, rendered with noise draw {@code noise} and found.
     */
    private static Scene sceneWithSeedAt(double sliceMm, Function<DenseObject, Vec3> place, long noise) {
        Grid grid = grid(sliceMm);
        Vec3 origin = Anatomy.centre(grid);
        DenseObject stent = DenseObject.stent(origin.plus(new Vec3(6, 10, 0)), STENT_AXIS, 36, 10);
        Vec3 seed = place.apply(stent);
        List<DenseObject> objects = implant(origin);
        objects.add(stent);
        objects.add(DenseObject.seed(seed, STENT_AXIS.normalized()));
        Volume ct = new PostOpScanner(model(SliceProfile.TRIANGLE)).scan(grid, objects, noise);
        return new Scene(seed, new SeedFinder().find(ct));
    }

    /** The all-implant scans' grid for the slice spacing: 200 × 200 pixels of 0.8 mm, 72 mm long. */
    private static Grid grid(double sliceMm) {
        int nz = (int) Math.round(72 / sliceMm);
        return new Grid(new Vec3(-199 * 0.8 / 2, -199 * 0.8 / 2, -(nz - 1) * sliceMm / 2), 0.8, 0.8, sliceMm, 200, 200, nz);
    }

    private static ScannerModel model(SliceProfile profile) {
        return ScannerModel.typical(profile, HuScale.CLIPPED_12_BIT).withHardening(ScannerModel.Hardening.BANDS_BETWEEN);
    }

    /** Twelve seeds in the liver, 8 mm apart in-plane, for the finder to learn the seed's image and metal from. */
    private static List<DenseObject> implant(Vec3 origin) {
        List<DenseObject> out = new ArrayList<>();
        int n = 0;
        for (int a = -1; a <= 2; a++) {
            for (int b = -1; b <= 1; b++) {
                Vec3 c = origin.plus(Anatomy.IMPLANT_CENTRE).plus(new Vec3(8 * a - 4, 8 * b, -7.5 + 5 * (n % 4)));
                out.add(DenseObject.seed(c, new Vec3(1, 0.3 * b, 0.2 * a)));
                n++;
            }
        }
        return out;
    }
}
