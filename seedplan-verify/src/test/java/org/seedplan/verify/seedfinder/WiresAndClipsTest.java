package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.Primitive;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Wires crossing thick slices and surgical clips are not seeds, and a seed touching other metal is named in the self-check
 * (docs/seed-finder.md, seventh round). On 5 mm slices the generator's steel wire shows one piece per slice, each fitted as
 * 2–7 seeds end to end; along the piece's in-plane direction its metal is a uniform rod that the fitted seeds tile closer
 * than capsules can lie ({@code SeedFinder.rodOfMetal}). A titanium clip's 7 mm legs make a rod longer than a seed's capsule.
 * The scans are the tuning scans with every implant ({@link IndependentScanMatrix#allImplants}, 300–317), from the independent
 * generator ({@code verify.scanner}).
 */
class WiresAndClipsTest {

    /** Within this of the wire's or clip's metal a found seed is a piece of it, mm (the scoring gate's half-seed length). */
    private static final double ON_METAL_MM = 2.5;

    /**
     * Each all-implant scan this class asks about, drawn, found and scored once for the class (read-only; 306, 310, 313 and 316
     * are asked by two tests each): a bench scan is drawn from its random seed and the finder's answer on it is exact, so a
     * second find would give the same seeds. The scan's CT is not kept.
     */
    private static final Map<String, Scanned> SCANNED = new ConcurrentHashMap<>();

    @AfterAll
    static void forgetScans() {
        SCANNED.clear();
    }

    @Test
    void wirePiecesOnFiveMmSlicesAreOtherMetalAndNoSeedIsLost() {
        // Sixth round, before the rule: 12-18 false seeds on each of 312-317, nearly all pieces of the wire; found 59, 59, 57,
        // 53, 56, 59 of 59. Seventh round: the wire gives 3 false seeds or fewer on each but 313 (box, extended: 11, pieces fitted
        // as two seeds lying more than a capsule apart), 18 on the six together, and the found counts do not change. Eighth round:
        // 315 finds all 59 (one seed's content taken from the single seeds, not from a pair's: see allImplantScan617FindsItsSingleSeedsOnFiveMmSlices).
        // Ninth round: 316 loses a needle seed lying on a slice boundary (a faint 19 mm³ object, now other metal) to the tilted
        // single-seed starts of thick slices (docs/seed-finder.md, ninth round: not looked at further).
        // Eleventh round: pieces fitted as seeds lying a capsule apart or farther are wire where a rod beats the chain by 10 or
        // more in the information criterion (313: 11 -> 7; the rest are pieces fitted as three seeds closer than capsules whose
        // profile a chain of three explains as well as a rod). Twelfth round: three or more seeds in a row closer than capsules
        // in an object within one slice are wire (10 -> 1: the one left is a short piece fitted as one seed on 313).
        int[] found = {59, 59, 57, 59, 55, 59};
        int onWire = 0;
        for (int n = 12; n < 18; n++) {
            Scanned s = scanned(300 + n, n);
            SeedFinding f = s.finding();
            SeedMatching m = s.matching();
            assertThat(m.matches()).as("%d: seeds found", 300 + n).hasSize(found[n - 12]);
            DenseObject wire = s.others().stream().filter(o -> o.kind() == DenseObject.Kind.WIRE).findFirst().orElseThrow();
            onWire += (int) m.extraFound().stream().filter(i -> near(wire, f.seeds().get(i).centreMm())).count();
            assertThat(f.rejected()).as("%d: pieces of the wire listed as wire", 300 + n).anyMatch(r -> r.shape() == MetalShape.WIRE);
        }
        assertThat(onWire).as("false seeds on the wire, scans 312-317").isLessThanOrEqualTo(1);
    }

    @Test
    void allImplantScan617FindsItsSingleSeedsOnFiveMmSlices() {
        // 617 (5 mm Gaussian, extended; fresh in the seventh round, tuning data now) missed 8 needle seeds: pieces of the wire, the
        // coil and merged needle seeds made the heaviest tenth of its objects, so one seed's reference content was a pair's, every
        // single seed read as about 0.45 seeds, and those split across two 5 mm slices (badly explained) fell under the 0.6 per
        // seed that other metal is told by. With the reference checked against the single seeds' median (SeedFinder.
        // singleSeedContent) 58 of 59 are found, and the false seeds stay none (docs/seed-finder.md, eighth round).
        Scanned s = scanned(617, 17);
        SeedMatching m = s.matching();
        assertThat(m.matches()).as("617: seeds found of %d", s.seeds().size()).hasSize(58);
        assertThat(m.extraFound()).as("617: false seeds").isEmpty();
    }

    @Test
    void fewerSeedsOnTheClipOnThinSlices() {
        // Sixth round: 11 seeds on the clip over the 12 scans 300-311 (1.25 and 2.5 mm), on 10 of them. The rod test takes the
        // clip fitted as one seed where the in-plane profile resolves the capsules' ends (gap of at least a bin and 2 sigma):
        // 8 remained (the gap is 1.0-1.05 mm against 2 sigma of 1.04-1.1 mm on most of these scans, so the test was not asked).
        // Eleventh round: where the gap is not resolved a one-seed fit is a rod when the rod is longer than a seed's whole
        // capsule by more than a bin (the clip's rod 6.25 mm against 4.5 + 1 mm): 2 remain, the clip fitted as two seeds on
        // 300 (1.25 mm box 12-bit: the n >= 2 rule is not asked on thin slices).
        int onClip = 0;
        for (int n = 0; n < 12; n++) {
            Scanned s = scanned(300 + n, n);
            SeedFinding f = s.finding();
            DenseObject clip = s.others().stream().filter(o -> o.kind() == DenseObject.Kind.CLIP).findFirst().orElseThrow();
            long here = f.seeds().stream().filter(fs -> near(clip, fs.centreMm())).count();
            onClip += (int) here;
        }
        assertThat(onClip).as("seeds on the clip, scans 300-311").isLessThanOrEqualTo(2);
    }

    @Test
    void aClipFittedAsOneSeedIsOtherMetalWhereTheSeedImageIsNearlyTheCapsule() {
        // 310 (2.5 mm Gaussian, 12-bit): the learned seed image is 3.67 mm long, so the capsules' ends leave 0.68 mm in-plane,
        // under two sigma of the blur (1.09 mm), and the rod test was not asked: the clip was one seed (docs/seed-finder.md,
        // eleventh round). Its metal spans 6.25 mm in-plane, longer than any seed's 4.5 mm capsule by more than a bin: other
        // metal, and every true seed is still found.
        Found r = foundBeside(310, 10, DenseObject.Kind.CLIP);
        assertThat(r.finding().seeds()).as("310: seeds on the clip").noneMatch(x -> near(r.metal(), x.centreMm()));
        assertThat(r.finding().rejected()).as("310: the clip listed as other metal")
                .anyMatch(o -> o.reason() == RejectedObject.Reason.OTHER_METAL && near(r.metal(), o.centreMm()));
        assertThat(r.matching().matches()).as("310: seeds found of %d", r.scan().seeds().size()).hasSize(59);
    }

    @Test
    void aClipFittedAsTwoSeedsOnThinClippedSlicesIsOtherMetal() {
        // 3900 and 4000 (1.25 mm box 12-bit, seen): the clip's 7 mm titanium legs were fitted as two seeds staggered 2.5-2.9 mm
        // along their axes (the second seed lowered the misfit by 0.036-0.048 of a seed's energy against a bar of 0.033-0.041, the
        // clipped metal read 0.66-0.69 a seed each, over the 0.6 under which it lowers): two false seeds. A seed's silver marker
        // saturates the 12-bit window over its image's core (a one-seed fit predicts 7.9-9.0 voxels at the clip on these scans, the
        // scan's scale applied); the clip's legs reach the clip at one voxel. Fewer voxels at the clip than one seed's plateau less
        // its scatter is not two seeds: counted one, the clip is other metal as where its image alone counts one (eleventh round:
        // the one-seed rod, 6.25 mm in-plane, longer than a capsule) (docs/seed-finder.md, thirty-sixth round, seedclip18). Fails
        // before the rule (two false seeds on the clip on each scan). No tolerance: a bench scan is drawn from its random seed, so
        // the finder's answer is exact.
        for (long randomSeed : new long[] {3900, 4000}) {
            Found r = foundBeside(randomSeed, 0, DenseObject.Kind.CLIP);
            assertThat(r.finding().seeds()).as("%d: seeds on the clip", randomSeed).noneMatch(x -> near(r.metal(), x.centreMm()));
            assertThat(r.finding().rejected()).as("%d: the clip listed as other metal", randomSeed)
                    .anyMatch(o -> o.reason() == RejectedObject.Reason.OTHER_METAL && near(r.metal(), o.centreMm()));
            assertThat(r.matching().matches()).as("%d: seeds found of %d", randomSeed, r.scan().seeds().size()).hasSize(59);
        }
    }

    @Test
    void wirePiecesFittedAsSeedsACapsuleApartAreOtherMetal() {
        // 313 (5 mm box, extended): the wire's pieces at z -7.5 and 12.5 mm were each fitted as two seeds 5.5-5.6 mm apart, farther
        // than a capsule, which the seventh round's rule did not ask about; their in-plane profile is a rod 11.25-11.5 mm long that
        // beats the chain of two by 24-30 in the information criterion (docs/seed-finder.md, eleventh round). 4 false seeds fewer
        // (11 -> 7), every true seed found.
        Found r = foundBeside(313, 13, DenseObject.Kind.WIRE);
        assertThat(r.matching().matches()).as("313: seeds found of %d", r.scan().seeds().size()).hasSize(59);
        assertThat(r.finding().seeds()).as("313: seeds on the wire's pieces at z -7.5 and 12.5 mm").noneMatch(x -> near(r.metal(), x.centreMm())
                && (Math.abs(x.centreMm().z() + 7.5) < 1 || Math.abs(x.centreMm().z() - 12.5) < 1));
        assertThat(r.matching().extraFound()).as("313: false seeds").hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void aWireSeenAsPiecesOnThickSlicesIsListedAsOneWireWithItsLength() {
        // 316 (5 mm Gaussian, 12-bit): the 78 mm wire shows one piece per slice, 5 of them rejected as other metal; each was listed
        // on its own. Now one wire, its length the extent of the pieces' voxels along their principal axis: within 6 mm of 78 mm
        // (the pieces' ends are cut at the metal threshold, and the wire's first and last slices may hold too little of it to
        // show; 76 mm measured).
        SeedFinding f = scanned(316, 16).finding();
        List<RejectedObject> wires = f.rejected().stream().filter(r -> r.shape() == MetalShape.WIRE).toList();
        assertThat(wires).as("316: wires listed").hasSize(1);
        assertThat(wires.get(0).pieces()).as("316: the wire's pieces").isGreaterThanOrEqualTo(5);
        assertThat(wires.get(0).lengthMm()).as("316: the wire's length, mm").isBetween(72.0, 84.0);
        assertThat(f.selfCheck()).as("316: the OTHER METAL line").anyMatch(l -> l.startsWith("OTHER METAL")
                && l.contains(String.format(Locale.ROOT, "wire, %.0f mm long in %d pieces", wires.get(0).lengthMm(), wires.get(0).pieces())));
    }

    @Test
    void piecesOfTheStentAreNotCountedAsSeeds() {
        // On scan 306 (2.5 mm box, 12-bit) four pieces of the stent were read as seeds. Two touch the stent's other pieces
        // (rejected as other metal) and the self-check names them, with the piece they touch, before any figure; the other two
        // are struts on their own, touching no rejected metal, and are not named (docs/seed-finder.md, seventh round). One of
        // the two named, the piece where a bridge joins two rings' apices, is other metal since the thirty-second round (seedstent14).
        // The other three are since the thirty-fifth round (seedclip16: the strut rule asks objects counted as two as well): none is
        // left to name, so the test pins that none is counted.
        Found r = foundBeside(306, 6, DenseObject.Kind.STENT);
        SeedFinding f = r.finding();
        DenseObject stent = r.metal();
        List<FoundSeed> onStent = r.matching().extraFound().stream().map(i -> f.seeds().get(i)).filter(x -> near(stent, x.centreMm())).toList();
        assertThat(onStent).as("false seeds on the stent").isEmpty();
    }

    @Test
    void wirePiecesFittedAsThreeSeedsCloserThanCapsulesAreOtherMetal() {
        // A rendered scene: twenty single seeds (the finder learns the seed's image from them) and a 0.8 mm steel wire as the
        // bench draws it (78 mm, rising 30 mm over 70 mm, bowed 6 mm in-plane), alone, on 5 mm box slices of both HU scales. Each
        // slice holds one piece of the wire, 10-12 mm long in-plane, which the fit tiles with three seed images 3.2-4 mm apart,
        // closer than 4.5 mm capsules can lie end to end; a chain of three explains that profile about as well as a uniform rod
        // (BIC -9 to +8 on the all-implant scans), so before the twelfth round such pieces were counted as three seeds
        // (docs/seed-finder.md). Three or more seeds in a row, each image clear of the next and closer than capsules, in a piece
        // lying in its slice, are now other metal: no seed on the wire, every single seed found (20 of 20).
        for (HuScale scale : HuScale.values()) {
            Grid g = fiveMmSlices();
            List<DenseObject> objects = new ArrayList<>();
            List<Vec3> single = SeedsAtOtherMetalScenes.singleSeeds(objects);
            List<Vec3> path = new ArrayList<>();
            for (int s = 0; s <= 20; s++) {
                double t = s / 20.0;
                path.add(new Vec3(-40 + 70 * t, 30 + 6 * Math.sin(Math.PI * t), -15 + 30 * t));
            }
            DenseObject wire = DenseObject.wire(path, 0.8);
            objects.add(wire);
            SeedFinding f = new SeedFinder().find(new PostOpScanner(ScannerModel.typical(SliceProfile.BOX, scale)).scan(g, objects, 12));
            assertThat(f.seeds()).as("%s: seeds on the wire", scale).noneMatch(x -> near(wire, x.centreMm()));
            assertThat(single).as("%s: single seeds found", scale).allMatch(c -> f.seeds().stream()
                    .anyMatch(x -> x.centreMm().minus(c).norm() <= IndependentScanMatrix.MATCH_GATE_MM));
        }
    }

    @Test
    void aSlantedWireAcrossFiveMmTriangleSlicesIsOtherMetalNotARowOfSeeds() {
        // All-implant scan 1414 (5 mm triangle, 12-bit; tuning data since the thirteenth round): the learned image is 3.69 mm long,
        // so the capsules' ends leave 0.81 mm in-plane, under a bin (0.83-0.97 mm), the profile cannot resolve them and no rod rule
        // was asked. The wire, 24° out of the slices' plane, was fitted as 18 seeds 3.9 mm apart in-plane: a piece across two
        // slices as 6, four pieces each within one slice as 3 (19 false seeds, one on the stent). Seeds in a row closer than
        // capsules can lie end to end are now taken by their places alone (docs/seed-finder.md, thirteenth round): no seed on the
        // wire, the wire listed as one, 59 of 59 found.
        Found r = foundBeside(1414, 14, DenseObject.Kind.WIRE);
        assertThat(r.finding().seeds()).as("1414: seeds on the wire").noneMatch(x -> near(r.metal(), x.centreMm()));
        assertThat(r.matching().matches()).as("1414: seeds found of %d", r.scan().seeds().size()).hasSize(59);
        assertThat(r.finding().rejected()).as("1414: the wire listed as wire")
                .anyMatch(o -> o.shape() == MetalShape.WIRE && near(r.metal(), o.centreMm()));
    }

    @Test
    void aWirePieceInOneSliceWithAVoxelInTheNextIsOtherMetalNotARowOfSeeds() {
        // All-implant scan 4314 (5 mm triangle, 12-bit; seen since the thirty-ninth round): a piece of the wire 13 mm long, 8.6°
        // out of the slices' plane, lies in slice k8 but for one voxel of 19 in k9 (4 % of its excess). Fitted as three seeds
        // 4.19 mm apart in-plane, all three centres in k8 and their axes within 14° of the row: within one slice a row of
        // capsules cannot lie closer than 4.5 mm × 0.989 = 4.45 mm, but the one voxel made the object "across slices", where
        // the row rule asks four seeds and 4.05 mm, and the three were counted (confidence 0.543). The row is now asked as within
        // one slice where its fitted seeds lie in one slice (docs/seed-finder.md, thirty-ninth round, seedwire21): no seed on
        // the wire, the wire listed, the scan's other 58 seeds found as before (its one miss, a clump's seed, is not the wire's).
        Found r = foundBeside(4314, 14, DenseObject.Kind.WIRE);
        assertThat(r.finding().seeds()).as("4314: seeds on the wire").noneMatch(x -> near(r.metal(), x.centreMm()));
        assertThat(r.matching().matches()).as("4314: seeds found of %d", r.scan().seeds().size()).hasSize(58);
        assertThat(r.finding().rejected()).as("4314: the wire listed as wire")
                .anyMatch(o -> o.shape() == MetalShape.WIRE && near(r.metal(), o.centreMm()));
    }

    @Test
    void seedsTouchingEndToEndInARowAreStillCounted() {
        // The guard of the thirteenth round's rule: strands of four seeds touching end to end (0.1 mm gaps, 4.6 mm centre to
        // centre, the closest real seeds in a row can lie; strand spacers make 5.5 mm or more), lying 0°, 10°, 20° and 25° out of
        // the slices' plane, on 5 mm slices of every profile and both HU scales, with twenty single seeds to learn the image
        // from. Their in-plane spacing is 4.6 mm × cos(tilt), 4.17 mm or more: a capsule or more within one slice, and across
        // slices more than 0.9 of a capsule (4.05 mm). Every seed of every strand must be found.
        for (SliceProfile profile : SliceProfile.values()) {
            for (HuScale scale : HuScale.values()) {
                Grid g = fiveMmSlices();
                List<DenseObject> objects = new ArrayList<>();
                List<Vec3> single = SeedsAtOtherMetalScenes.singleSeeds(objects);
                List<Vec3> strands = new ArrayList<>();
                double[] tilts = {0, 10, 20, 25};
                for (int k = 0; k < tilts.length; k++) {
                    double t = Math.toRadians(tilts[k]);
                    double phi = Math.toRadians(20 + 40 * k);
                    Vec3 dir = new Vec3(Math.cos(t) * Math.cos(phi), Math.cos(t) * Math.sin(phi), Math.sin(t));
                    Vec3 mid = new Vec3(-36 + 24 * k, 20 + 12 * (k % 2), 1.2 * k);
                    for (int i = 0; i < 4; i++) {
                        Vec3 c = mid.plus(dir.times((i - 1.5) * 4.6));
                        strands.add(c);
                        objects.add(DenseObject.seed(c, dir));
                    }
                }
                SeedFinding f = new SeedFinder().find(new PostOpScanner(ScannerModel.typical(profile, scale)).scan(g, objects, 13));
                List<Vec3> seeds = new ArrayList<>(single);
                seeds.addAll(strands);
                assertThat(seeds).as("%s %s: seeds of the strands and single seeds found", profile, scale).allMatch(c -> f.seeds().stream()
                        .anyMatch(x -> x.centreMm().minus(c).norm() <= IndependentScanMatrix.MATCH_GATE_MM));
            }
        }
    }

    /** An all-implant scan's true seeds and other implants, what the finder found on it, and that scored. */
    private record Scanned(List<TrueSeed> seeds, List<DenseObject> others, SeedFinding finding, SeedMatching matching) {
    }

    /** All-implant scan {@code randomSeed}, cell {@code index}, found and scored: once for the class ({@link #SCANNED}). */
    private static Scanned scanned(long randomSeed, int index) {
        return SCANNED.computeIfAbsent(randomSeed + "/" + index, key -> {
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(randomSeed, index);
            SeedFinding f = new SeedFinder().find(s.ct());
            return new Scanned(s.seeds(), s.others(), f, IndependentScanMatrix.score(s, f, new MatchTally()));
        });
    }

    /** An all-implant scan, what the finder found on it, scored, and its one implant of the given kind. */
    private record Found(Scanned scan, DenseObject metal) {
        SeedFinding finding() {
            return scan.finding();
        }

        SeedMatching matching() {
            return scan.matching();
        }
    }

    private static Found foundBeside(long randomSeed, int index, DenseObject.Kind kind) {
        Scanned s = scanned(randomSeed, index);
        return new Found(s, s.others().stream().filter(o -> o.kind() == kind).findFirst().orElseThrow());
    }

    /** A rendered scene's grid: 200 × 200 pixels of 0.8 mm, 14 contiguous slices of 5 mm, centred on the origin. */
    private static Grid fiveMmSlices() {
        int nx = 200;
        int nz = 14;
        double slice = 5;
        return new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * slice / 2), 0.8, 0.8, slice, nx, nx, nz);
    }

    private static boolean near(DenseObject o, Vec3 p) {
        for (Primitive q : o.primitives()) {
            if (SegmentDistance.between(p, p, q.a(), q.b()) <= ON_METAL_MM + q.outerRadiusMm()) {
                return true;
            }
        }
        return false;
    }
}
