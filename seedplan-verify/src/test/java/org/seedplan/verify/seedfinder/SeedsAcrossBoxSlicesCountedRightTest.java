package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * Seeds of one object lying in different 5 mm box slices (docs/seed-finder.md, twenty-fourth round): fitted in different slices,
 * they may stand closer in-plane than a capsule's in-plane length without overlapping, so the rod rule's "closer than a capsule"
 * branch is asked only of seeds fitted in one slice; and a needle seed across a slice boundary beside a pair, fitted once in each
 * slice as a fourth seed, is dropped by the chain rule where the four-seed fit explains under 0.95 of the object's signal energy.
 * A clump of three in one slice, its fitted seeds within 3.0 mm of each other, is not asked by the chain rule (16330). The
 * first two tests and the clump's are seen bench scans (the synthetic scenes tried did not form the objects the bench drew: 11 of
 * 11 seeds found at the start commit; a synthetic clump of 16330's three seeds, at its place in the slice and 1-2 mm above and
 * below it on all six scanners, never came to the chain rule at the start commit: 28 of 30 scenes found three, 2 four); no
 * tolerance: a bench scan is drawn from its random seed, so the finder's answer is exact. The last
 * is a synthetic scene: wire pieces in one box slice, the branch's other side.
 */
class SeedsAcrossBoxSlicesCountedRightTest {

    @Test
    void fourSeedsOverThreeBoxSlicesAreNotAPieceOfWire() {
        // All-implant 2512 (5 mm box, 12-bit): a side-by-side pair and one seed of each of two needles, one object of 86 mm³ over
        // three slices, fitted as four seeds 2.32 mm apart in-plane (a capsule's in-plane length along the object 2.44 mm), the
        // pair 1.75 mm apart in one slice, the others 5.55-5.79 mm apart in 3D across the slices. At the start commit the object
        // was rejected as a wire (55 of 59 found); now all 59 are found and no seed is false.
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(2512, 12);
        assertThat(IndependentScanMatrix.label(12)).startsWith("5.0 mm BOX CLIPPED");
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.matches()).as("2512: seeds found of %d", s.seeds().size()).hasSize(59);
        assertThat(m.extraFound()).as("2512: false seeds").isEmpty();
    }

    @Test
    void aNeedleSeedAcrossABoundaryBesideAPairIsCountedOnce() {
        // 16030 (5 mm box, 12-bit): a needle seed on the boundary at z = 10 mm merged with a side-by-side pair (2.76 seeds' metal),
        // fitted as four with the needle seed once in each slice (gain 0.149 of a seed's energy, explained 0.732); and a second
        // object of the same kind (0.769 a seed's metal each, gain 0.122, explained 0.784). Start commit: 56 of 58 found, 3 false;
        // now 57, none false. 112 (5 mm box, 12-bit): the same kind, explained 0.908 (the highest of the seen objects dropped):
        // 1 false seed at the start commit, none now, all 58 found.
        SimulatedPostOpScan s = IndependentScanMatrix.scan(16030, 30);
        assertThat(IndependentScanMatrix.label(30)).startsWith("5.0 mm BOX CLIPPED");
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.matches()).as("16030: seeds found").hasSize(57);
        assertThat(m.extraFound()).as("16030: false seeds").isEmpty();
        SimulatedPostOpScan t = IndependentScanMatrix.scan(112, 12);
        assertThat(IndependentScanMatrix.label(12)).startsWith("5.0 mm BOX CLIPPED");
        SeedMatching n = IndependentScanMatrix.score(t, new SeedFinder().find(t.ct()), new MatchTally());
        assertThat(n.matches()).as("112: seeds found").hasSize(58);
        assertThat(n.extraFound()).as("112: false seeds").isEmpty();
    }

    @Test
    void aClumpOfThreeInOneBoxSliceStaysThree() {
        // 16330 (5 mm box, 12-bit; fresh in the twenty-fourth round, seen now): a clump of three bundled seeds in one slice, 1.84
        // seeds' metal (0.20 of it in the slice beside), fitted as three 1.8-1.92 mm apart with 0.68 of a seed's metal each; its third
        // seed lowers the misfit by 0.133 of a seed's energy, under the chain rule's 0.2, and the rule lowered it to two (57 of 58
        // found). A strand counted once too often spreads its three over a capsule or more; these lie within CHAIN_CLUMP_SPREAD_MM
        // (3.0 mm) and are kept: all 58 found, no false seed (docs/seed-finder.md, twenty-fourth round, chaintight). The strand's
        // side of the same rule: ChainsOfSeedsTest and aNeedleSeedAcrossABoundaryBesideAPairIsCountedOnce above.
        SimulatedPostOpScan s = IndependentScanMatrix.scan(16330, 30);
        assertThat(IndependentScanMatrix.label(30)).startsWith("5.0 mm BOX CLIPPED");
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.matches()).as("16330: seeds found of %d", s.seeds().size()).hasSize(58);
        assertThat(m.extraFound()).as("16330: false seeds").isEmpty();
    }

    @Test
    void wirePiecesInOneBoxSliceAreStillRejected() {
        // 0.8 mm wire pieces 8, 10 and 12 mm long lying in one 5 mm box slice (rising 1.4 mm along 12 mm), beside twenty single
        // seeds (from which the finder learns the seed's image), both HU scales. The 8 and 10 mm pieces are fitted as two seeds
        // 3.9-4.4 mm apart in-plane, under a capsule (4.5 mm), both in one slice: the branch this round leaves as it was takes them.
        // Each piece is listed as a wire within 3 mm of its middle (a piece's object centre lies on it; 3 mm is under the 8 mm
        // piece's half length) and no seed is found within the matching gate of it.
        Grid grid = new Grid(new Vec3(-79.6, -79.6, -32.5), 0.8, 0.8, 5, 200, 200, 14);
        Vec3 along = new Vec3(0.97, 0.2, 0.12).normalized();
        double[] lengths = {8, 10, 12};
        for (HuScale scale : HuScale.values()) {
            List<DenseObject> objects = new ArrayList<>();
            SeedsAtOtherMetalScenes.singleSeeds(objects);
            List<Vec3> middles = new ArrayList<>();
            for (int i = 0; i < lengths.length; i++) {
                Vec3 from = new Vec3(-40 + 25 * i, 20, -2.5);
                objects.add(DenseObject.wire(List.of(from, from.plus(along.times(lengths[i]))), 0.8));
                middles.add(from.plus(along.times(lengths[i] / 2)));
            }
            SeedFinding f = new SeedFinder().find(new PostOpScanner(ScannerModel.typical(SliceProfile.BOX, scale)).scan(grid, objects, 17));
            for (int i = 0; i < lengths.length; i++) {
                Vec3 mid = middles.get(i);
                double half = lengths[i] / 2;
                assertThat(f.seeds()).as("%s: seeds on the %.0f mm piece", scale, lengths[i])
                        .noneMatch(x -> x.centreMm().minus(mid).norm() <= half + IndependentScanMatrix.MATCH_GATE_MM);
                assertThat(f.rejected()).as("%s: the %.0f mm piece listed as a wire", scale, lengths[i])
                        .anyMatch(r -> r.shape() == MetalShape.WIRE && r.centreMm().minus(mid).norm() <= 3);
            }
        }
    }
}
